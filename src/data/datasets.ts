/**
 * Denoising datasets as indexed sources of (noisy, clean) pairs, loaded lazily one image at a time so
 * memory stays bounded by what a consumer holds. Layouts, detected from the path:
 *  - procedural:deadleaves[:COUNT[:SIZE]]       built-in dead-leaves images (needs a noise model)
 *  - <dir> with noisy/ and gt/ (or clean/)      paired folders, matched by file name
 *  - <dir> with Data/<scene>/*NOISY_SRGB_010.PNG  SIDD-Small/Medium
 *  - ValidationNoisyBlocksSrgb.mat (or its dir)   SIDD validation blocks [N,B,H,W,3] uint8
 *  - <dir> of images                            clean images; noise from the noise model (required)
 */
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { QpruneError } from '../errors.js';
import { requirePath } from '../fsutil.js';
import { Image, IMAGE_EXTENSIONS, convertChannels, makeImage, readImage } from './image.js';
import { addNoise, formatNoise, NoiseModel } from './noise.js';
import { Rng } from './rng.js';
import { readMatVariable, MatArray } from './matlab.js';
import { deadLeaves } from './procedural.js';

export interface ImagePair {
  name: string;
  noisy: Image;
  clean: Image;
}

export interface PairSource {
  /** Human-readable description for logs and reports. */
  readonly description: string;
  readonly size: number;
  name(index: number): string;
  load(index: number): Promise<ImagePair>;
}

export interface OpenDatasetOptions {
  noise?: NoiseModel;
  seed?: number;
  /** Convert images to this many channels (the model's input channels). */
  channels?: 1 | 3;
  /** Keep only the first N pairs. */
  limit?: number;
}

async function listImages(dir: string): Promise<string[]> {
  const files = (await fs.readdir(dir)).filter((f) => IMAGE_EXTENSIONS.test(f)).sort();
  return files.map((f) => path.join(dir, f));
}

/** Clean images + synthetic noise; noise for image i comes from the stream (seed, i). */
class NoisedSource implements PairSource {
  constructor(
    readonly description: string,
    private readonly names: string[],
    private readonly loadClean: (i: number) => Promise<Image>,
    private readonly noise: NoiseModel,
    private readonly seed: number,
  ) {}
  get size(): number {
    return this.names.length;
  }
  name(i: number): string {
    return this.names[i];
  }
  async load(i: number): Promise<ImagePair> {
    const clean = await this.loadClean(i);
    return { name: this.names[i], clean, noisy: addNoise(clean, this.noise, Rng.derive(this.seed, i)) };
  }
}

class PairedFileSource implements PairSource {
  constructor(readonly description: string, private readonly pairs: { name: string; noisy: string; clean: string }[], private readonly channels?: 1 | 3) {}
  get size(): number {
    return this.pairs.length;
  }
  name(i: number): string {
    return this.pairs[i].name;
  }
  async load(i: number): Promise<ImagePair> {
    const p = this.pairs[i];
    const [noisy, clean] = await Promise.all([readImage(p.noisy, this.channels), readImage(p.clean, this.channels)]);
    if (noisy.height !== clean.height || noisy.width !== clean.width) {
      throw new QpruneError(`pair '${p.name}': noisy ${noisy.height}x${noisy.width} and clean ${clean.height}x${clean.width} differ in size`);
    }
    return { name: p.name, noisy, clean };
  }
}

/** SIDD validation blocks held as MATLAB [N, B, H, W, C] uint8 arrays (column-major). */
class MatBlockSource implements PairSource {
  readonly size: number;
  private readonly n: number;
  private readonly b: number;
  private readonly h: number;
  private readonly w: number;
  private readonly c: number;
  constructor(readonly description: string, private readonly noisy: MatArray, private readonly clean: MatArray, private readonly channels?: 1 | 3) {
    [this.n, this.b, this.h, this.w, this.c] = noisy.dims;
    this.size = this.n * this.b;
  }
  name(i: number): string {
    return `block-${Math.floor(i / this.b)}-${i % this.b}`;
  }
  private block(arr: MatArray, i: number): Image {
    const { n, b, h, w, c } = this;
    const img = Math.floor(i / b), blk = i % b;
    const scale = arr.data instanceof Uint8Array ? 1 / 255 : arr.data instanceof Uint16Array ? 1 / 65535 : 1;
    const out = new Float32Array(h * w * c);
    for (let y = 0; y < h; y++)
      for (let x = 0; x < w; x++)
        for (let k = 0; k < c; k++) out[(y * w + x) * c + k] = arr.data[img + n * (blk + b * (y + h * (x + w * k)))] * scale;
    return makeImage(h, w, c, out);
  }
  async load(i: number): Promise<ImagePair> {
    return { name: this.name(i), noisy: convertChannels(this.block(this.noisy, i), this.channels), clean: convertChannels(this.block(this.clean, i), this.channels) };
  }
}

const PROCEDURAL = /^procedural:deadleaves(?::(\d+))?(?::(\d+))?$/;

export async function openDataset(spec: string, opts: OpenDatasetOptions = {}): Promise<PairSource> {
  const source = isSourceList(spec) ? await openList(spec, opts) : await openUnlimited(spec, opts);
  if (source.size === 0) throw new QpruneError(`data ${spec} holds no images`);
  if (opts.limit === undefined || opts.limit >= source.size) return source;
  if (!(opts.limit > 0)) throw new QpruneError(`--limit must be a positive integer, got ${opts.limit}`);
  return sliceSource(source, 0, opts.limit);
}

/**
 * `A,B,...`: several sources read as one, in the order given (e.g. every SIDD training set we hold).
 * A path that exists as written is never split, so a folder whose name holds a comma still opens.
 */
function isSourceList(spec: string): boolean {
  return spec.includes(',') && !PROCEDURAL.test(spec) && !existsSync(spec);
}

async function openList(spec: string, opts: OpenDatasetOptions): Promise<PairSource> {
  const parts = spec.split(',').map((s) => s.trim());
  if (parts.some((s) => s === '')) throw new QpruneError(`data list '${spec}' has an empty entry`);
  // Each part after the first gets its own noise seed, so synthetic noise does not repeat across parts.
  const seedOf = (k: number) => (k === 0 ? opts.seed : ((opts.seed ?? 0) + Math.imul(k, 0x9e3779b1)) >>> 0);
  return concatSources(await Promise.all(parts.map((s, k) => openUnlimited(s, { ...opts, seed: seedOf(k) }))));
}

/** Sources one after another; names are prefixed with the source's position so they stay unique. */
export function concatSources(sources: PairSource[]): PairSource {
  if (sources.length === 1) return sources[0];
  const starts: number[] = [];
  let size = 0;
  for (const s of sources) { starts.push(size); size += s.size; }
  const locate = (i: number): [PairSource, number, number] => {
    if (!(Number.isInteger(i) && i >= 0 && i < size)) throw new QpruneError(`image index ${i} is outside the ${size} images of a data list`);
    let k = sources.length - 1;
    while (starts[k] > i) k--;
    return [sources[k], i - starts[k], k];
  };
  return {
    description: sources.map((s) => s.description).join(' + '),
    size,
    name: (i) => { const [s, j, k] = locate(i); return `${k}:${s.name(j)}`; },
    load: async (i) => { const [s, j, k] = locate(i); const pair = await s.load(j); return { ...pair, name: `${k}:${pair.name}` }; },
  };
}

/** Pairs start..end-1 of a source (noise stays that of the original index), e.g. validation vs held-out splits. */
export function sliceSource(source: PairSource, start: number, end: number): PairSource {
  if (!(Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start < end && end <= source.size)) {
    throw new QpruneError(`image range ${start}..${end - 1} is outside the ${source.size} images of ${source.description}`);
  }
  return {
    description: start === 0 ? `${source.description} (first ${end})` : `${source.description} (images ${start + 1}..${end})`,
    size: end - start,
    name: (i) => source.name(start + i),
    load: (i) => source.load(start + i),
  };
}

function requireNoise(spec: string, opts: OpenDatasetOptions): NoiseModel {
  if (!opts.noise) throw new QpruneError(`data ${spec} holds clean images only: give a noise model (e.g. --noise gaussian:25)`);
  return opts.noise;
}

async function openUnlimited(spec: string, opts: OpenDatasetOptions): Promise<PairSource> {
  const seed = opts.seed ?? 0;
  const proc = PROCEDURAL.exec(spec);
  if (proc) {
    const count = Number(proc[1] ?? 16), size = Number(proc[2] ?? 64);
    const noise = requireNoise(spec, opts);
    const channels = opts.channels ?? 1;
    // Content uses stream (seed, i, 1) so it never correlates with the noise stream (seed, i).
    const names = Array.from({ length: count }, (_, i) => `deadleaves-${i}`);
    return new NoisedSource(`procedural dead leaves ${count}x${size}x${size}x${channels}, ${formatNoise(noise)}, seed ${seed}`, names,
      async (i) => deadLeaves(Rng.derive(seed, i, 1), { size, channels }), noise, seed);
  }
  const stat = await requirePath(spec, 'data');
  if (stat.isFile() && spec.toLowerCase().endsWith('.mat')) return openSiddMat(spec, opts);
  if (stat.isFile() && IMAGE_EXTENSIONS.test(spec)) {
    const noise = requireNoise(spec, opts);
    return new NoisedSource(`${spec}: 1 clean image, ${formatNoise(noise)}, seed ${seed}`, [path.basename(spec)], () => readImage(spec, opts.channels), noise, seed);
  }
  if (!stat.isDirectory()) throw new QpruneError(`data ${spec} is not an image, a directory, a .mat file or procedural:deadleaves`);
  const entries = new Set(await fs.readdir(spec));
  if (entries.has('ValidationNoisyBlocksSrgb.mat')) return openSiddMat(path.join(spec, 'ValidationNoisyBlocksSrgb.mat'), opts);
  const noisyDir = ['noisy', 'input', 'NOISY'].find((d) => entries.has(d));
  const cleanDir = ['gt', 'GT', 'clean', 'target'].find((d) => entries.has(d));
  if (noisyDir && cleanDir) return openPairedFolders(spec, noisyDir, cleanDir, opts);
  if (entries.has('Data')) return openSiddScenes(spec, opts);
  const files = await listImages(spec);
  if (files.length === 0) throw new QpruneError(`data directory ${spec} holds no images (png/jpg/tif/bmp/webp) and no known layout`);
  const noise = requireNoise(spec, opts);
  return new NoisedSource(`${spec}: ${files.length} clean images, ${formatNoise(noise)}, seed ${seed}`, files.map((f) => path.basename(f)),
    (i) => readImage(files[i], opts.channels), noise, seed);
}

async function openPairedFolders(dir: string, noisyDir: string, cleanDir: string, opts: OpenDatasetOptions): Promise<PairSource> {
  const noisy = await listImages(path.join(dir, noisyDir));
  const clean = new Map((await listImages(path.join(dir, cleanDir))).map((f) => [path.basename(f), f]));
  const pairs = noisy.map((f) => {
    const name = path.basename(f);
    const c = clean.get(name);
    if (!c) throw new QpruneError(`paired data ${dir}: ${noisyDir}/${name} has no ${cleanDir}/${name}`);
    return { name, noisy: f, clean: c };
  });
  if (pairs.length !== clean.size) throw new QpruneError(`paired data ${dir}: ${cleanDir}/ has ${clean.size} images, ${noisyDir}/ has ${pairs.length}`);
  return new PairedFileSource(`${dir}: ${pairs.length} noisy/clean pairs`, pairs, opts.channels);
}

/** SIDD-Small/Medium: Data/<scene>/<id>_NOISY_SRGB_010.PNG with <id>_GT_SRGB_010.PNG beside it. */
async function openSiddScenes(dir: string, opts: OpenDatasetOptions): Promise<PairSource> {
  const data = path.join(dir, 'Data');
  const pairs: { name: string; noisy: string; clean: string }[] = [];
  for (const scene of (await fs.readdir(data)).sort()) {
    const sceneDir = path.join(data, scene);
    if (!(await fs.stat(sceneDir)).isDirectory()) continue;
    const files = await fs.readdir(sceneDir);
    for (const f of files.filter((x) => /NOISY_SRGB_\d+\.png$/i.test(x)).sort()) {
      const gt = f.replace(/NOISY_SRGB/i, (m) => (m === m.toUpperCase() ? 'GT_SRGB' : 'gt_srgb'));
      if (!files.includes(gt)) throw new QpruneError(`SIDD scene ${sceneDir}: ${f} has no ${gt}`);
      pairs.push({ name: `${scene}/${f}`, noisy: path.join(sceneDir, f), clean: path.join(sceneDir, gt) });
    }
  }
  if (pairs.length === 0) throw new QpruneError(`SIDD layout ${dir}: no Data/<scene>/*NOISY_SRGB_*.PNG files found`);
  return new PairedFileSource(`SIDD ${dir}: ${pairs.length} sRGB pairs`, pairs, opts.channels);
}

async function openSiddMat(noisyFile: string, opts: OpenDatasetOptions): Promise<PairSource> {
  const cleanFile = path.join(path.dirname(noisyFile), path.basename(noisyFile).replace(/Noisy/, 'Gt'));
  if (cleanFile === noisyFile) throw new QpruneError(`${noisyFile}: expected a SIDD ...NoisyBlocks... file with its ...GtBlocks... partner`);
  const [noisy, clean] = await Promise.all([readMatVariable(noisyFile), readMatVariable(cleanFile)]);
  for (const [f, a] of [[noisyFile, noisy], [cleanFile, clean]] as const) {
    if (a.dims.length !== 5 || (a.dims[4] !== 3 && a.dims[4] !== 1)) {
      throw new QpruneError(`${f}: variable '${a.name}' has shape [${a.dims}], expected [images, blocks, height, width, 3]`);
    }
  }
  if (noisy.dims.join() !== clean.dims.join()) throw new QpruneError(`SIDD blocks differ in shape: noisy [${noisy.dims}], gt [${clean.dims}]`);
  return new MatBlockSource(`SIDD blocks ${noisyFile}: [${noisy.dims}]`, noisy, clean, opts.channels);
}
