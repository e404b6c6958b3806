// Generates src/wire/qprune.js + .d.ts (protobufjs static code, committed) from proto/qprune.proto.
// --check: regenerate into a temp dir and fail if the committed files differ (CI and a test run this).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules/.bin', name);
const check = process.argv.includes('--check');
const outDir = check ? mkdtempSync(path.join(os.tmpdir(), 'qprune-proto-')) : path.join(root, 'src/wire');
const js = path.join(outDir, 'qprune.js'), dts = path.join(outDir, 'qprune.d.ts');
execFileSync(bin('pbjs'), ['-t', 'static-module', '-w', 'es6', '--no-beautify', '--no-verify', '--no-delimited', '--no-convert', '--force-number', '-o', js, path.join(root, 'proto/qprune.proto')], { stdio: 'inherit' });
// ESM needs the file extension on the runtime import.
writeFileSync(js, readFileSync(js, 'utf8').replace(/from "protobufjs\/minimal"/, 'from "protobufjs/minimal.js"'));
execFileSync(bin('pbts'), ['--no-comments', '-o', dts, js], { stdio: 'inherit' });
if (check) {
  const stale = ['qprune.js', 'qprune.d.ts'].filter((f) => readFileSync(path.join(outDir, f), 'utf8') !== readFileSync(path.join(root, 'src/wire', f), 'utf8'));
  console.log(stale.length ? `src/wire/${stale.join(', ')} stale: run npm run build:proto` : 'src/wire is current');
  process.exit(stale.length ? 1 : 0);
}
console.log(`wrote ${js} and ${dts}`);
