/**
 * Opening HDF5 files (Keras weights, MATLAB v7.3) through h5wasm, with our own pre-check of the
 * superblock: h5wasm does not throw on a truncated or non-HDF5 file (it returns a bad id and prints
 * HDF5's diagnostic stack), so we read the signature and the stored end-of-file address ourselves and
 * fail with one clear line first.
 */
import { promises as fs } from 'node:fs';
import h5wasm from 'h5wasm/node';
import { QpruneError, describeError } from '../errors.js';
import { requirePath } from '../fsutil.js';

export type H5File = InstanceType<typeof h5wasm.File>;
export type H5Group = InstanceType<typeof h5wasm.Group>;
export type H5Dataset = InstanceType<typeof h5wasm.Dataset>;

const SIGNATURE = Buffer.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]);

function readOffset(buf: Buffer, at: number, size: number, file: string): number {
  if (size === 8) return Number(buf.readBigUInt64LE(at));
  if (size === 4) return buf.readUInt32LE(at);
  if (size === 2) return buf.readUInt16LE(at);
  throw new QpruneError(`${file}: corrupt HDF5 superblock (offset size ${size})`);
}

/** Validate signature and declared size; returns nothing, throws QpruneError on a bad file. */
export async function checkHdf5File(file: string): Promise<void> {
  const stat = await requirePath(file, 'HDF5 file');
  const fd = await fs.open(file, 'r');
  try {
    // The superblock sits at 0 or after a user block of 512, 1024, 2048, ... bytes.
    for (let at = 0; at + 48 <= stat.size; at = at === 0 ? 512 : at * 2) {
      const head = Buffer.alloc(96);
      await fd.read(head, 0, 96, at);
      if (!head.subarray(0, 8).equals(SIGNATURE)) continue;
      const version = head[8];
      let base: number, eof: number;
      if (version === 0 || version === 1) {
        const so = head[13];
        const start = 24 + (version === 1 ? 4 : 0);
        base = readOffset(head, start, so, file);
        eof = readOffset(head, start + 2 * so, so, file);
      } else if (version === 2 || version === 3) {
        const so = head[9];
        base = readOffset(head, 12, so, file);
        eof = readOffset(head, 12 + 2 * so, so, file);
      } else {
        throw new QpruneError(`${file}: unsupported HDF5 superblock version ${version}`);
      }
      if (base + eof > stat.size) {
        throw new QpruneError(`${file}: truncated HDF5 file (${stat.size} bytes, its header says ${base + eof})`);
      }
      return;
    }
  } finally {
    await fd.close();
  }
  throw new QpruneError(`${file}: not an HDF5 file (no HDF5 signature)`);
}

/** Open an HDF5 file read-only with a clear error for missing, truncated or non-HDF5 files. */
export async function openHdf5(file: string): Promise<H5File> {
  await checkHdf5File(file);
  await h5wasm.ready;
  let h5: H5File;
  try {
    h5 = new h5wasm.File(file, 'r');
  } catch (err) {
    throw new QpruneError(`cannot open HDF5 file ${file}: ${describeError(err)}`);
  }
  if (Number((h5 as unknown as { file_id: bigint }).file_id) < 0) {
    throw new QpruneError(`cannot open HDF5 file ${file}: HDF5 library refused it (corrupt file)`);
  }
  return h5;
}

export { h5wasm };
