import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { encodePng, encodeMatV5, tempDir } from './helpers.js';
import { readImage } from '../src/data/image.js';
import { addNoise, parseNoise } from '../src/data/noise.js';
import { Rng } from '../src/data/rng.js';
import { openDataset } from '../src/data/datasets.js';
import { readMatVariable } from '../src/data/matlab.js';
import { patchBatches } from '../src/data/patches.js';
import { deadLeaves } from '../src/data/procedural.js';
import { dihedral, DIHEDRAL_TRANSFORMS } from '../src/data/augment.js';
import { h5wasm } from '../src/io/hdf5.js';
import { makeImage, padToMultiple } from '../src/data/image.js';
import { sizeMultiple } from '../src/model/receptive-field.js';
import { buildDnCNN, buildHalfUNet } from '../src/model/architectures.js';
import { evaluateModel } from '../src/eval/evaluate.js';
import { initBackend } from '../src/engine/backend.js';

test('PNG reading keeps 8/16-bit precision for gray and RGB', async (t) => {
  const dir = tempDir(t);
  const cases = [
    { name: 'g8.png', c: 1 as const, bits: 8 as const, v: [0, 17, 128, 255, 3, 200], max: 255 },
    { name: 'g16.png', c: 1 as const, bits: 16 as const, v: [0, 1000, 65535, 30000, 200, 4], max: 65535 },
    { name: 'c8.png', c: 3 as const, bits: 8 as const, v: [1, 2, 3, 250, 251, 252, 0, 128, 255, 9, 8, 7, 100, 101, 102, 55, 66, 77], max: 255 },
    { name: 'c16.png', c: 3 as const, bits: 16 as const, v: [1, 2, 3, 65000, 40000, 20000, 0, 128, 255, 9, 8, 7, 100, 101, 102, 55, 66, 77], max: 65535 },
  ];
  for (const k of cases) {
    const w = 3, h = k.v.length / (3 * k.c);
    writeFileSync(path.join(dir, k.name), encodePng(w, h, k.c, k.bits, k.v));
    const img = await readImage(path.join(dir, k.name));
    assert.equal(img.channels, k.c, k.name);
    assert.deepEqual([img.height, img.width], [h, w]);
    k.v.forEach((v, i) => assert.ok(Math.abs(img.data[i] - v / k.max) < 1e-7, `${k.name}[${i}] ${img.data[i]} vs ${v / k.max}`));
  }
  const gray = await readImage(path.join(dir, 'c8.png'), 1);
  assert.ok(Math.abs(gray.data[0] - (0.299 * 1 + 0.587 * 2 + 0.114 * 3) / 255) < 1e-6);
});

test('gaussian noise: seeded, unclipped, with the requested sigma', () => {
  const clean = makeImage(200, 200, 1, new Float32Array(40000).fill(0.02));
  const noise = parseNoise('gaussian:25');
  const a = addNoise(clean, noise, Rng.derive(0, 5));
  const b = addNoise(clean, noise, Rng.derive(0, 5));
  const c = addNoise(clean, noise, Rng.derive(1, 5));
  assert.deepEqual(a.data, b.data);
  assert.notDeepEqual(a.data, c.data);
  const d = Array.from(a.data, (v) => v - 0.02);
  const mean = d.reduce((s, v) => s + v, 0) / d.length;
  const sd = Math.sqrt(d.reduce((s, v) => s + (v - mean) ** 2, 0) / d.length);
  assert.ok(Math.abs(mean) < 0.002, `mean ${mean}`);
  assert.ok(Math.abs(sd - 25 / 255) < 0.002, `sd ${sd}`);
  assert.ok(a.data.some((v) => v < 0), 'values below 0 are kept (no clipping)');
});

test('poisson-gaussian noise has mean x and variance a·x + (s/255)²', () => {
  for (const x of [0.05, 0.5]) {
    const clean = makeImage(300, 300, 1, new Float32Array(90000).fill(x));
    const noisy = addNoise(clean, parseNoise('poisson-gaussian:0.01,5'), new Rng(3));
    const m = noisy.data.reduce((s, v) => s + v, 0) / noisy.data.length;
    const v = noisy.data.reduce((s, u) => s + (u - m) ** 2, 0) / noisy.data.length;
    const want = 0.01 * x + (5 / 255) ** 2;
    assert.ok(Math.abs(m - x) < 0.002, `mean ${m} vs ${x}`);
    assert.ok(Math.abs(v - want) / want < 0.05, `variance ${v} vs ${want}`);
  }
});

test('noise specs are validated', () => {
  for (const bad of ['gaussian', 'gaussian:-1', 'gaussian:x', 'poisson-gaussian:0,1', 'uniform:3']) {
    assert.throws(() => parseNoise(bad), /invalid noise/, bad);
  }
});

test('clean folder + noise, paired folders and SIDD scene layout are detected and load', async (t) => {
  const dir = tempDir(t);
  const px = (n: number, c: 1 | 3) => Array.from({ length: 16 * 16 * c }, (_, i) => (i * 7 + n) % 256);
  mkdirSync(path.join(dir, 'clean'));
  for (let i = 0; i < 3; i++) writeFileSync(path.join(dir, 'clean', `im${i}.png`), encodePng(16, 16, 1, 8, px(i, 1)));
  const noisyFolder = await openDataset(path.join(dir, 'clean'), { noise: parseNoise('gaussian:10'), seed: 4 });
  assert.equal(noisyFolder.size, 3);
  const p1 = await noisyFolder.load(1), p1again = await noisyFolder.load(1);
  assert.deepEqual(p1.noisy.data, p1again.noisy.data, 'same seed, same noise');
  await assert.rejects(openDataset(path.join(dir, 'clean'), {}), /clean images only: give a noise model/);

  const paired = path.join(dir, 'paired');
  mkdirSync(path.join(paired, 'noisy'), { recursive: true });
  mkdirSync(path.join(paired, 'gt'));
  for (const n of ['a.png', 'b.png']) {
    writeFileSync(path.join(paired, 'noisy', n), encodePng(16, 16, 3, 8, px(1, 3)));
    writeFileSync(path.join(paired, 'gt', n), encodePng(16, 16, 3, 8, px(2, 3)));
  }
  const ps = await openDataset(paired);
  assert.equal(ps.size, 2);
  const pair = await ps.load(0);
  assert.equal(pair.noisy.channels, 3);
  assert.ok(Math.abs(pair.clean.data[0] - 2 / 255) < 1e-7 && Math.abs(pair.noisy.data[0] - 1 / 255) < 1e-7);

  const sidd = path.join(dir, 'SIDD_Small');
  for (const scene of ['0001_001_S6_00100_00060_3200_L', '0002_001_S6_00100_00020_3200_N']) {
    mkdirSync(path.join(sidd, 'Data', scene), { recursive: true });
    writeFileSync(path.join(sidd, 'Data', scene, 'NOISY_SRGB_010.PNG'), encodePng(16, 16, 3, 8, px(5, 3)));
    writeFileSync(path.join(sidd, 'Data', scene, 'GT_SRGB_010.PNG'), encodePng(16, 16, 3, 8, px(6, 3)));
  }
  const ss = await openDataset(sidd, { channels: 1 });
  assert.equal(ss.size, 2);
  assert.equal((await ss.load(1)).clean.channels, 1);
  assert.match(ss.name(0), /0001_001/);
});

/** [N, B, H, W, C] uint8 in column-major order with a recognisable value per element. */
function siddBlocks(dims: number[], offset: number): Uint8Array {
  const n = dims.reduce((a, b) => a * b, 1);
  return Uint8Array.from({ length: n }, (_, i) => (i * 31 + offset) % 251);
}

test('SIDD validation .mat blocks (v5 compressed and not) map MATLAB [N,B,H,W,C] to images', async (t) => {
  const dims = [2, 3, 4, 5, 3];
  for (const compress of [false, true]) {
    const dir = tempDir(t);
    writeFileSync(path.join(dir, 'ValidationNoisyBlocksSrgb.mat'), encodeMatV5('ValidationNoisyBlocksSrgb', dims, siddBlocks(dims, 0), compress));
    writeFileSync(path.join(dir, 'ValidationGtBlocksSrgb.mat'), encodeMatV5('ValidationGtBlocksSrgb', dims, siddBlocks(dims, 100), compress));
    const arr = await readMatVariable(path.join(dir, 'ValidationNoisyBlocksSrgb.mat'));
    assert.deepEqual(arr.dims, dims);
    const src = await openDataset(dir);
    assert.equal(src.size, 6);
    // Block (image 1, block 2), pixel (y 3, x 4, channel 2): MATLAB linear index i + N*(b + B*(y + H*(x + W*c))).
    const pair = await src.load(1 * 3 + 2);
    const lin = 1 + 2 * (2 + 3 * (3 + 4 * (4 + 5 * 2)));
    assert.ok(Math.abs(pair.noisy.data[(3 * 5 + 4) * 3 + 2] - ((lin * 31) % 251) / 255) < 1e-7);
    assert.ok(Math.abs(pair.clean.data[(3 * 5 + 4) * 3 + 2] - ((lin * 31 + 100) % 251) / 255) < 1e-7);
  }
});

test('a .mat of the wrong shape or a truncated one is refused with a clear error', async (t) => {
  const dir = tempDir(t);
  writeFileSync(path.join(dir, 'ValidationNoisyBlocksSrgb.mat'), encodeMatV5('x', [4, 5, 3], new Uint8Array(60), false));
  writeFileSync(path.join(dir, 'ValidationGtBlocksSrgb.mat'), encodeMatV5('y', [4, 5, 3], new Uint8Array(60), false));
  await assert.rejects(openDataset(dir), /has shape \[4,5,3\], expected \[images, blocks, height, width, 3\]/);
  const full = encodeMatV5('x', [2, 3, 4, 5, 3], siddBlocks([2, 3, 4, 5, 3], 0), false);
  writeFileSync(path.join(dir, 'cut.mat'), full.subarray(0, full.length - 100));
  await assert.rejects(readMatVariable(path.join(dir, 'cut.mat')), /truncated MAT file/);
});

test('MATLAB v7.3 (HDF5) arrays are read with MATLAB dimension order', async (t) => {
  const dir = tempDir(t);
  const dims = [2, 3, 4, 5, 3];
  const h5path = path.join(dir, 'plain.h5');
  await h5wasm.ready;
  const f = new h5wasm.File(h5path, 'w');
  // HDF5 holds MATLAB's column-major data as row-major with reversed dimensions.
  f.create_dataset({ name: 'ValidationNoisyBlocksSrgb', data: siddBlocks(dims, 0), shape: [...dims].reverse(), dtype: '<B' });
  f.close();
  // MATLAB puts a 512-byte text header (an HDF5 user block) in front of the HDF5 data.
  const header = Buffer.alloc(512, 0);
  header.write('MATLAB 7.3 MAT-file, Platform: GLNXA64, Created by: qprune tests HDF5 schema 1.00 .', 0, 'latin1');
  const matPath = path.join(dir, 'v73.mat');
  writeFileSync(matPath, Buffer.concat([header, readFileSync(h5path)]));
  const arr = await readMatVariable(matPath);
  assert.deepEqual(arr.dims, dims);
  assert.deepEqual(Array.from(arr.data.slice(0, 5)), Array.from(siddBlocks(dims, 0).slice(0, 5)));
});

test('patch sampling: random is seeded and batch-size independent; grid covers the image', async (t) => {
  const src = await openDataset('procedural:deadleaves:4:40', { noise: parseNoise('gaussian:15'), seed: 2 });
  const collect = async (batch: number, seed: number) => {
    const out: number[] = [];
    for await (const b of patchBatches(src, { patch: 8, batch, mode: 'random', count: 10, seed })) out.push(...b.noisy);
    return out;
  };
  const a = await collect(3, 1), b = await collect(10, 1), c = await collect(3, 2);
  assert.equal(a.length, 10 * 64);
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
  let n = 0;
  for await (const batch of patchBatches(src, { patch: 16, batch: 5, mode: 'grid' })) {
    assert.ok(batch.n <= 5);
    n += batch.n;
  }
  assert.equal(n, 4 * 2 * 2); // 40x40 images hold 2x2 non-overlapping 16x16 patches
  await assert.rejects(async () => { for await (const _ of patchBatches(src, { patch: 64, batch: 1, mode: 'grid' })) void _; }, /smaller than the patch size/);
  t.diagnostic('patch streams verified');
});

test('dead-leaves images are seeded, cover the canvas and stay in [0,1]', () => {
  const a = deadLeaves(new Rng(9), { size: 48, channels: 3 });
  const b = deadLeaves(new Rng(9), { size: 48, channels: 3 });
  assert.deepEqual(a.data, b.data);
  assert.ok(a.data.every((v) => v >= 0 && v <= 1));
  assert.ok(new Set(a.data).size > 20, 'many distinct values');
});

test('a comma list of data sources reads as one, in order, with unique names and its own noise per part', async (t) => {
  const dir = tempDir(t);
  const px = (n: number) => Array.from({ length: 16 * 16 }, (_, i) => (i * 5 + n * 40) % 256);
  for (const [folder, count] of [['a', 2], ['b', 3]] as const) {
    mkdirSync(path.join(dir, folder));
    for (let i = 0; i < count; i++) writeFileSync(path.join(dir, folder, `im${i}.png`), encodePng(16, 16, 1, 8, px(i + (folder === 'b' ? 3 : 0))));
  }
  const noise = parseNoise('gaussian:10');
  const a = await openDataset(path.join(dir, 'a'), { noise, seed: 2 });
  const b = await openDataset(path.join(dir, 'b'), { noise, seed: 2 });
  const list = await openDataset(`${path.join(dir, 'a')},${path.join(dir, 'b')}`, { noise, seed: 2 });
  assert.equal(list.size, 5);
  assert.deepEqual(Array.from({ length: 5 }, (_, i) => list.name(i)), ['0:im0.png', '0:im1.png', '1:im0.png', '1:im1.png', '1:im2.png']);
  assert.deepEqual((await list.load(1)).noisy.data, (await a.load(1)).noisy.data, 'the first part is the source as opened alone');
  const third = await list.load(2);
  assert.deepEqual(third.clean.data, (await b.load(0)).clean.data, 'clean images come from the second part in order');
  const noiseOf = (p: { noisy: { data: Float32Array }; clean: { data: Float32Array } }) => p.noisy.data.map((v, i) => v - p.clean.data[i]);
  assert.notDeepEqual(noiseOf(third), noiseOf(await list.load(0)), 'the second part does not repeat the first part\'s noise');
  const limited = await openDataset(`${path.join(dir, 'a')},${path.join(dir, 'b')}`, { noise, seed: 2, limit: 3 });
  assert.equal(limited.size, 3);
  await assert.rejects(openDataset(`${path.join(dir, 'a')},,${path.join(dir, 'b')}`, { noise }), /empty entry/);
  await assert.rejects(openDataset(`${path.join(dir, 'a')},${path.join(dir, 'missing')}`, { noise }), /missing/);
});

test('dihedral augmentation: 8 distinct symmetries, each a permutation applied to every channel alike', () => {
  const p = 3, c = 2;
  const src = Float32Array.from({ length: p * p * c }, (_, i) => i);
  const seen = new Set<string>();
  for (let t = 0; t < DIHEDRAL_TRANSFORMS; t++) {
    const dst = new Float32Array(src.length + 4).fill(-1);
    dihedral(src, 0, dst, 4, p, c, t);
    assert.deepEqual(dst.subarray(0, 4), new Float32Array(4).fill(-1), 'nothing written before the target offset');
    const out = Array.from(dst.subarray(4));
    assert.deepEqual([...out].sort((x, y) => x - y), Array.from(src), `transform ${t} is a permutation`);
    for (let px = 0; px < p * p; px++) assert.equal(out[px * c + 1], out[px * c] + 1, 'channels of a pixel move together');
    seen.add(out.join(','));
  }
  assert.equal(seen.size, 8);
  const id = new Float32Array(src.length);
  dihedral(src, 0, id, 0, p, c, 0);
  assert.deepEqual(id, src, 'transform 0 is the identity');
  assert.throws(() => dihedral(src, 0, id, 0, p, c, 8), /not in 0..7/);
});

test('mirror padding to a multiple keeps the image in its corner; U-Net sides must be multiples of its downsampling', async () => {
  const img = makeImage(3, 5, 2, Float32Array.from({ length: 30 }, (_, i) => i));
  assert.equal(padToMultiple(img, 1), img, 'a fitting image is returned as it is');
  const p = padToMultiple(img, 4);
  assert.deepEqual([p.height, p.width, p.channels], [4, 8, 2]);
  for (let y = 0; y < 3; y++) for (let x = 0; x < 5; x++) for (let k = 0; k < 2; k++) assert.equal(p.data[(y * 8 + x) * 2 + k], img.data[(y * 5 + x) * 2 + k]);
  assert.equal(p.data[(3 * 8 + 0) * 2], img.data[(1 * 5 + 0) * 2], 'row 3 mirrors row 1');
  assert.equal(p.data[(0 * 8 + 5) * 2 + 1], img.data[(0 * 5 + 3) * 2 + 1], 'column 5 mirrors column 3');
  await initBackend('wasm');
  const unet = buildHalfUNet({ levels: 3, filters: 4, channels: 1, seed: 0 });
  assert.equal(sizeMultiple(unet), 4);
  const dncnn = buildDnCNN({ depth: 3, filters: 4, channels: 1, batchNorm: false, seed: 0 });
  assert.equal(sizeMultiple(dncnn), 1);
  // An odd-sized image through the U-Net: evaluated (padded and cropped back), not a shape error.
  const odd = makeImage(13, 11, 1, Float32Array.from({ length: 143 }, (_, i) => (i % 7) / 7));
  const flat = makeImage(13, 11, 1, new Float32Array(143).fill(0.5));
  const source = { description: 'one odd image', size: 1, name: () => 'odd', load: async () => ({ name: 'odd', noisy: odd, clean: flat }) };
  const r = await evaluateModel(unet, source, { engine: 'tfjs', workers: 0 });
  assert.equal(r.perImage[0].height, 13);
  assert.ok(Number.isFinite(r.meanPsnr));
  unet.dispose();
  dncnn.dispose();
});
