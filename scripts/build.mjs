// npm run build: the library as JavaScript + declarations in dist/ (what `import ... from 'qprune'`
// loads), plus the files tsc does not emit: the generated protobuf code and the annealing wasm.
import { execFileSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
rmSync(path.join(root, 'dist'), { recursive: true, force: true });
execFileSync(path.join(root, 'node_modules/.bin/tsc'), ['-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
for (const f of ['wire/qprune.js', 'wire/qprune.d.ts', 'qubo/wasm/anneal.wasm']) cpSync(path.join(root, 'src', f), path.join(root, 'dist', f));
console.log('built dist/');
