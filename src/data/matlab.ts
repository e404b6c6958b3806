/**
 * MATLAB .mat reading: our own Level 5 (v5/v7, optionally zlib-compressed) reader for numeric arrays,
 * and v7.3 files (HDF5 with a 512-byte header) through h5wasm. Arrays come back in MATLAB's
 * column-major order with MATLAB's dimension order (first index fastest).
 */
import { inflateSync } from 'node:zlib';
import { QpruneError, describeError } from '../errors.js';
import { readFileOrFail } from '../fsutil.js';
import { openHdf5 } from '../io/hdf5.js';

export type NumericArray = Float64Array | Float32Array | Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array;

export interface MatArray {
  name: string;
  /** MATLAB dimensions, e.g. [40, 32, 256, 256, 3]. */
  dims: number[];
  /** Column-major values (first dimension varies fastest). */
  data: NumericArray;
}

const MI = { INT8: 1, UINT8: 2, INT16: 3, UINT16: 4, INT32: 5, UINT32: 6, SINGLE: 7, DOUBLE: 9, INT64: 12, UINT64: 13, MATRIX: 14, COMPRESSED: 15, UTF8: 16 } as const;
const MX_NUMERIC = new Set([6, 7, 8, 9, 10, 11, 12, 13]); // double, single, int8..uint32

interface Ctx { file: string; little: boolean }

function typedFrom(type: number, bytes: Buffer, ctx: Ctx): NumericArray {
  const spec: Record<number, [new (n: number) => NumericArray, number, (dv: DataView, o: number, le: boolean) => number]> = {
    [MI.INT8]: [Int8Array, 1, (d, o) => d.getInt8(o)],
    [MI.UINT8]: [Uint8Array, 1, (d, o) => d.getUint8(o)],
    [MI.INT16]: [Int16Array, 2, (d, o, le) => d.getInt16(o, le)],
    [MI.UINT16]: [Uint16Array, 2, (d, o, le) => d.getUint16(o, le)],
    [MI.INT32]: [Int32Array, 4, (d, o, le) => d.getInt32(o, le)],
    [MI.UINT32]: [Uint32Array, 4, (d, o, le) => d.getUint32(o, le)],
    [MI.SINGLE]: [Float32Array, 4, (d, o, le) => d.getFloat32(o, le)],
    [MI.DOUBLE]: [Float64Array, 8, (d, o, le) => d.getFloat64(o, le)],
  };
  const s = spec[type];
  if (!s) throw new QpruneError(`${ctx.file}: unsupported MAT data type ${type}`);
  const [Ctor, size, get] = s;
  if (bytes.length % size !== 0) throw new QpruneError(`${ctx.file}: MAT element of ${bytes.length} bytes is not a whole number of values`);
  const n = bytes.length / size;
  const out = new Ctor(n);
  if (size === 1) {
    (out as Uint8Array).set(bytes as unknown as ArrayLike<number>);
    return out;
  }
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < n; i++) out[i] = get(dv, i * size, ctx.little);
  return out;
}

/** Reads one tag; returns type, data slice and the offset of the next element. */
function readElement(buf: Buffer, off: number, ctx: Ctx): { type: number; data: Buffer; next: number } {
  if (off + 8 > buf.length) throw new QpruneError(`${ctx.file}: truncated MAT file (element header at byte ${off})`);
  const u32 = (o: number) => (ctx.little ? buf.readUInt32LE(o) : buf.readUInt32BE(o));
  const first = u32(off);
  if (first >>> 16 !== 0) {
    // Small data element: type and size packed in 4 bytes, up to 4 data bytes in the tag itself.
    const type = first & 0xffff;
    const n = first >>> 16;
    return { type, data: buf.subarray(off + 4, off + 4 + n), next: off + 8 };
  }
  const n = u32(off + 4);
  const start = off + 8;
  if (start + n > buf.length) throw new QpruneError(`${ctx.file}: truncated MAT file (element of ${n} bytes at byte ${off})`);
  const padded = first === MI.COMPRESSED ? n : Math.ceil(n / 8) * 8;
  return { type: first, data: buf.subarray(start, start + n), next: start + padded };
}

function parseMatrix(data: Buffer, ctx: Ctx): MatArray | undefined {
  let off = 0;
  const flags = readElement(data, off, ctx);
  off = flags.next;
  const u32 = (b: Buffer, o: number) => (ctx.little ? b.readUInt32LE(o) : b.readUInt32BE(o));
  const flagWord = u32(flags.data, 0);
  const mxClass = flagWord & 0xff;
  const complex = (flagWord & 0x0800) !== 0;
  const dimsEl = readElement(data, off, ctx);
  off = dimsEl.next;
  const dims = Array.from(typedFrom(dimsEl.type, dimsEl.data, ctx));
  const nameEl = readElement(data, off, ctx);
  off = nameEl.next;
  const name = nameEl.data.toString('latin1');
  if (!MX_NUMERIC.has(mxClass)) return undefined; // cells, structs, chars, sparse: not data we read
  if (complex) throw new QpruneError(`${ctx.file}: variable '${name}' is complex; only real arrays are supported`);
  const real = readElement(data, off, ctx);
  const values = typedFrom(real.type, real.data, ctx);
  const count = dims.reduce((a, b) => a * b, 1);
  if (values.length !== count) throw new QpruneError(`${ctx.file}: variable '${name}' has ${values.length} values for dims [${dims}] (truncated file?)`);
  return { name, dims, data: values };
}

function readV5(buf: Buffer, file: string): MatArray[] {
  const endian = buf.toString('latin1', 126, 128);
  if (endian !== 'IM' && endian !== 'MI') throw new QpruneError(`${file}: not a MATLAB Level 5 MAT file (bad endian indicator)`);
  const ctx: Ctx = { file, little: endian === 'IM' };
  const out: MatArray[] = [];
  let off = 128;
  while (off + 8 <= buf.length) {
    const el = readElement(buf, off, ctx);
    off = el.next;
    let type = el.type;
    let data = el.data;
    if (type === MI.COMPRESSED) {
      try {
        data = inflateSync(data);
      } catch (err) {
        throw new QpruneError(`${file}: corrupt compressed MAT element: ${describeError(err)}`);
      }
      const inner = readElement(data, 0, ctx);
      type = inner.type;
      data = inner.data;
    }
    if (type !== MI.MATRIX) continue;
    const arr = parseMatrix(data, ctx);
    if (arr) out.push(arr);
  }
  return out;
}

async function readV73(file: string, wanted?: string): Promise<MatArray[]> {
  const h5 = await openHdf5(file);
  try {
    const out: MatArray[] = [];
    for (const key of h5.keys()) {
      if (wanted && key !== wanted) continue;
      const ds = h5.get(key) as { shape?: number[]; value?: unknown } | null;
      if (!ds || !Array.isArray(ds.shape)) continue;
      let value: unknown;
      try {
        value = ds.value;
      } catch (err) {
        throw new QpruneError(`${file}: cannot read '${key}': ${describeError(err)}`);
      }
      if (!ArrayBuffer.isView(value) || value instanceof DataView || value instanceof BigInt64Array || value instanceof BigUint64Array) continue;
      // HDF5 stores MATLAB's column-major array as row-major with the dimensions reversed.
      out.push({ name: key, dims: [...ds.shape].map(Number).reverse(), data: value as NumericArray });
    }
    return out;
  } finally {
    h5.close();
  }
}

/** All numeric variables of a .mat file (v5/v7 or v7.3). */
export async function readMat(file: string, wanted?: string): Promise<MatArray[]> {
  const buf = await readFileOrFail(file, 'MAT file');
  if (buf.length < 128) throw new QpruneError(`${file}: too short to be a MAT file (${buf.length} bytes)`);
  const header = buf.toString('latin1', 0, 116);
  if (!header.startsWith('MATLAB')) throw new QpruneError(`${file}: not a MATLAB MAT file (header does not start with 'MATLAB')`);
  if (header.startsWith('MATLAB 7.3')) return readV73(file, wanted);
  const all = readV5(buf, file);
  return wanted ? all.filter((a) => a.name === wanted) : all;
}

/** The one numeric variable of a file (or the one named `name`), with a clear error otherwise. */
export async function readMatVariable(file: string, name?: string): Promise<MatArray> {
  const arrays = await readMat(file, name);
  if (arrays.length === 0) throw new QpruneError(`${file}: no numeric variable${name ? ` named '${name}'` : ''} found`);
  if (arrays.length > 1) throw new QpruneError(`${file}: several variables (${arrays.map((a) => a.name).join(', ')}); name one`);
  return arrays[0];
}
