/** Small helpers over node:util parseArgs that turn bad options into one-line user errors. */
import { parseArgs, ParseArgsConfig } from 'node:util';
import { QpruneError } from '../errors.js';

type Options = NonNullable<ParseArgsConfig['options']>;
export type Parsed<T extends Options> = ReturnType<typeof parseArgs<{ args: string[]; options: T; strict: true; allowPositionals: false }>>;

/** `parse` for commands that also take words (run ids): the words come back as `positionals`. */
export function parseWords<T extends Options>(argv: string[], options: T): { values: Parsed<T>['values']; positionals: string[] } {
  const words = argv.filter((a, i) => !a.startsWith('-') && !(i > 0 && isValueOption(argv[i - 1], options)));
  const flags = argv.filter((a, i) => a.startsWith('-') || (i > 0 && isValueOption(argv[i - 1], options)));
  return { values: parse(flags, options).values, positionals: words };
}

export function parse<T extends Options>(argv: string[], options: T): Parsed<T> {
  // `--seed -1`: a value that is a negative number belongs to the option before it (parseArgs would take it for an option).
  const args = argv.flatMap((a, i) => (i > 0 && /^-\d|^-\.\d/.test(a) && isValueOption(argv[i - 1], options) ? [] : isValueOption(a, options) && /^-\d|^-\.\d/.test(argv[i + 1] ?? '') ? [`${a}=${argv[i + 1]}`] : [a]));
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false });
  } catch (err) {
    const e = err as Error & { code?: string };
    const unknown = /^Unknown option '(-{1,2}[^']+)'/.exec(e.message);
    if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && unknown) {
      const near = suggest(unknown[1].replace(/^-+/, '').split('=')[0], Object.keys(options));
      throw new QpruneError(`unknown option '${unknown[1]}'${near ? ` (did you mean --${near}?)` : ''}; --help lists the options`);
    }
    throw new QpruneError(e.message.split('\n')[0].replace(/\.$/, ''));
  }
}

function isValueOption(arg: string | undefined, options: Options): boolean {
  return !!arg && arg.startsWith('--') && !arg.includes('=') && options[arg.slice(2)]?.type === 'string';
}

/** The candidate closest to `word` by edit distance, if it is close enough to be a typo. */
export function suggest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined, bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestD) { bestD = d; best = c; }
  }
  return bestD <= Math.max(1, Math.floor(word.length / 3)) ? best : undefined;
}

/** Edits (insert, delete, substitute, swap two neighbours) from a to b: the usual typos cost one each. */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

export function intOption(value: string | undefined, name: string, { min = -Infinity, fallback }: { min?: number; fallback?: number } = {}): number | undefined {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new QpruneError(`--${name} must be an integer${min > -Infinity ? ` >= ${min}` : ''}, got '${value}'`);
  return n;
}

/** A flag that must be one of `choices` (the fallback when absent); anything else is named. */
export function choiceOption<C extends string>(value: string | undefined, name: string, choices: readonly C[], fallback: C): C {
  if (value === undefined) return fallback;
  if (!(choices as readonly string[]).includes(value)) throw new QpruneError(`--${name} must be one of ${choices.join(', ')}, got '${value}'`);
  return value as C;
}

export function required(value: string | undefined, name: string): string {
  if (value === undefined || value === '') throw new QpruneError(`--${name} is required`);
  return value;
}

/** `--weights a=1,b=0.5` as { a: 1, b: 0.5 } (which names a method takes is checked by the job). */
export function weightsOption(value: string | undefined): Record<string, number> | undefined {
  if (value === undefined) return undefined;
  const out: Record<string, number> = {};
  for (const part of value.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^([A-Za-z][A-Za-z0-9]*)=(.+)$/.exec(part);
    const v = m ? Number(m[2]) : NaN;
    if (!m || !Number.isFinite(v)) throw new QpruneError(`--weights must be NAME=NUMBER,..., got '${part}'`);
    out[m[1]] = v;
  }
  return out;
}
