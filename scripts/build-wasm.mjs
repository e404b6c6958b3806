// Compiles src/qubo/wasm/anneal.wat to anneal.wasm (committed; regenerate after editing the .wat).
import { readFileSync, writeFileSync } from 'node:fs';
import wabtInit from 'wabt';

const wabt = await wabtInit();
const src = new URL('../src/qubo/wasm/anneal.wat', import.meta.url);
const mod = wabt.parseWat('anneal.wat', readFileSync(src, 'utf8'), { simd: true });
mod.validate();
const { buffer } = mod.toBinary({});
const out = new URL('../src/qubo/wasm/anneal.wasm', import.meta.url);
if (process.argv.includes('--check')) {
  const same = Buffer.compare(Buffer.from(buffer), readFileSync(out)) === 0;
  console.log(same ? 'anneal.wasm is current' : 'anneal.wasm is stale: run npm run build:wasm');
  process.exit(same ? 0 : 1);
}
writeFileSync(out, buffer);
console.log(`wrote ${out.pathname} (${buffer.length} bytes)`);
