/**
 * Layering of src/, read from the import statements: no import cycles, and nothing outside src/cli/
 * imports the command-line modules (the CLI sits on top of the library, never under it).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './helpers.js';

const SRC = path.join(ROOT, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) return p.endsWith(`${path.sep}wire`) ? [] : sourceFiles(p);
    return /\.(ts|mts)$/.test(name) && !name.endsWith('.d.ts') ? [p] : [];
  });
}

/** Relative imports of one file (static `import`/`export ... from` and dynamic `import('...')`), as absolute .ts paths. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/g), ...text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1]);
  return specs.filter((s) => s.startsWith('.')).map((s) => path.resolve(path.dirname(file), s).replace(/\.js$/, '.ts'));
}

export function importGraph(): Map<string, string[]> {
  const files = sourceFiles(SRC);
  const known = new Set(files);
  return new Map(files.map((f) => [f, importsOf(f).filter((t) => known.has(t))]));
}

/** Strongly connected components with more than one file (or a self-import): the import cycles. */
export function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>(), low = new Map<string, number>(), onStack = new Set<string>(), stack: string[] = [], out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index); low.set(v, index); index++;
    stack.push(v); onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) { visit(w); low.set(v, Math.min(low.get(v)!, low.get(w)!)); }
      else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string;
      do { w = stack.pop()!; onStack.delete(w); comp.push(w); } while (w !== v);
      if (comp.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(comp.map((f) => path.relative(ROOT, f)).sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return out;
}

test('src/ has no import cycles', () => {
  const graph = importGraph();
  assert.ok(graph.size > 50, `read ${graph.size} source files`);
  assert.deepEqual(cycles(graph), []);
});

test('nothing outside src/cli/ imports src/cli/', () => {
  const cli = path.join(SRC, 'cli') + path.sep;
  const offenders = [...importGraph()].flatMap(([from, to]) => (from.startsWith(cli) ? [] : to.filter((t) => t.startsWith(cli)).map((t) => `${path.relative(ROOT, from)} -> ${path.relative(ROOT, t)}`)));
  assert.deepEqual(offenders, []);
});

/**
 * Layers, lowest first: a module may import its own layer and those below, never above. The core
 * layer is one layer on purpose (its folders use each other's types: a graph, scores, a QUBO).
 */
const LAYERS: string[][] = [
  ['errors', 'log', 'fsutil', 'wire'],
  ['io', 'data', 'model', 'metrics', 'ui', 'engine'],
  ['prune', 'qubo', 'score', 'onnx', 'eval', 'refine', 'train', 'report'],
  ['transport'],
  ['pipeline'],
  ['cluster'],
  ['cli'],
  ['mod', 'types'],
];

function layerOf(file: string): number {
  const rel = path.relative(SRC, file);
  const top = rel.includes(path.sep) ? rel.split(path.sep)[0] : rel.replace(/\.ts$/, '');
  return LAYERS.findIndex((l) => l.includes(top));
}

test('lower layers never import upper ones', () => {
  const graph = importGraph();
  const unplaced = [...graph.keys()].filter((f) => layerOf(f) < 0).map((f) => path.relative(ROOT, f));
  assert.deepEqual(unplaced, [], 'every source folder has a layer');
  const upward = [...graph].flatMap(([from, to]) => to.filter((t) => layerOf(t) > layerOf(from)).map((t) => `${path.relative(ROOT, from)} -> ${path.relative(ROOT, t)}`));
  assert.deepEqual(upward, []);
});

test('the cycle finder finds a cycle', () => {
  // A check that cannot fail is no check: a hand-made graph with one cycle and one chain.
  const g = new Map([[`${ROOT}/a`, [`${ROOT}/b`]], [`${ROOT}/b`, [`${ROOT}/a`]], [`${ROOT}/c`, [`${ROOT}/a`]]]);
  assert.deepEqual(cycles(g), [['a', 'b']]);
});
