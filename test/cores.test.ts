/** Machine facts results record beside their figures. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultWorkerCount, vectorExtension } from '../src/engine/cores.js';

test('vectorExtension: the widest x86 vector extension in the cpuinfo flags; undefined without flags', () => {
  assert.equal(vectorExtension('processor : 0\nflags\t\t: fpu sse2 avx avx2 fma avx512f avx512bw\n'), 'AVX-512');
  assert.equal(vectorExtension('flags : fpu sse2 avx avx2 fma\n'), 'AVX2');
  assert.equal(vectorExtension('flags : fpu sse2 avx\n'), 'no AVX2');
  assert.equal(vectorExtension('Features : fp asimd\n'), undefined, 'an ARM cpuinfo has no x86 flags line');
  assert.equal(vectorExtension(''), undefined);
  assert.ok(defaultWorkerCount() >= 1);
});
