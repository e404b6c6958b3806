// Compiles src/qubo/wasm/anneal.wat to anneal.wasm (committed; regenerate after editing the .wat).
import { readFileSync, writeFileSync } from 'node:fs';
import wabtInit from 'wabt';

const wabt = await wabtInit();
const src = new URL('../src/qubo/wasm/anneal.wat', import.meta.url);
// ';;@next $r' lines become an inline xoshiro128** step on locals $s0..$s3 (scratch $tt), result in $r:
// the same generator as src/data/rng.ts, kept in registers instead of memory in the hot loop.
const step = (r) => `(local.set ${r} (i32.mul (i32.rotl (i32.mul (local.get $s1) (i32.const 5)) (i32.const 7)) (i32.const 9)))
 (local.set $tt (i32.shl (local.get $s1) (i32.const 9)))
 (local.set $s2 (i32.xor (local.get $s2) (local.get $s0)))
 (local.set $s3 (i32.xor (local.get $s3) (local.get $s1)))
 (local.set $s1 (i32.xor (local.get $s1) (local.get $s2)))
 (local.set $s0 (i32.xor (local.get $s0) (local.get $s3)))
 (local.set $s2 (i32.xor (local.get $s2) (local.get $tt)))
 (local.set $s3 (i32.rotl (local.get $s3) (i32.const 11)))`;
const text = readFileSync(src, 'utf8').replace(/^\s*;;@next (\$\w+)\s*$/gm, (_, r) => step(r));
const mod = wabt.parseWat('anneal.wat', text, { simd: true });
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
