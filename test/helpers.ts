/** Shared test utilities: ../shared discovery, temp dirs, tiny file writers, CLI runner. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { deflateSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import type { TestContext } from 'node:test';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SHARED = path.resolve(process.env.QPRUNE_SHARED ?? path.join(ROOT, '..', 'shared'));
export const DNCNN = path.join(SHARED, 'models/dncnn-keras-sigma25/model.json');
export const DNCNN_H5 = path.join(SHARED, 'models/dncnn-keras-sigma25/model.h5');
export const BSD68 = path.join(SHARED, 'data/bsd68');

/**
 * Tests that need ../shared skip with a clear message where it is absent; with
 * QPRUNE_REQUIRE_SHARED=1 (set by CI) the absence is a failure instead.
 */
export function needShared(t: TestContext, ...rel: string[]): boolean {
  const missing = [SHARED, ...rel.map((r) => path.join(SHARED, r))].filter((p) => !existsSync(p));
  if (missing.length === 0) return true;
  const msg = `../shared data missing: ${missing.join(', ')}`;
  if (process.env.QPRUNE_REQUIRE_SHARED === '1') throw new Error(`${msg} (QPRUNE_REQUIRE_SHARED=1)`);
  t.skip(msg);
  return false;
}

export function tempDir(t: TestContext | { after: (fn: () => void) => void }): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'qprune-test-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], env: Record<string, string> = {}): CliResult {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/qprune.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, QPRUNE_LOG: 'warn', ...env },
    timeout: 15 * 60 * 1000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

/** Minimal PNG encoder (independent of the code under test): gray or RGB, 8 or 16 bit. */
export function encodePng(width: number, height: number, channels: 1 | 3, bitDepth: 8 | 16, samples: ArrayLike<number>): Buffer {
  const bps = bitDepth / 8;
  const rowBytes = width * channels * bps;
  const raw = Buffer.alloc(height * (rowBytes + 1));
  for (let y = 0; y < height; y++) {
    raw[y * (rowBytes + 1)] = 0;
    for (let i = 0; i < width * channels; i++) {
      const v = samples[y * width * channels + i];
      const at = y * (rowBytes + 1) + 1 + i * bps;
      if (bitDepth === 8) raw[at] = v;
      else raw.writeUInt16BE(v, at);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = bitDepth;
  ihdr[9] = channels === 1 ? 0 : 2;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/**
 * Minimal MATLAB Level 5 writer for one uint8 array (written from the format spec, independently of
 * the reader under test). `compress` wraps the matrix in an miCOMPRESSED element.
 */
export function encodeMatV5(name: string, dims: number[], data: Uint8Array, compress: boolean): Buffer {
  const header = Buffer.alloc(128, 0x20);
  header.write('MATLAB 5.0 MAT-file, written by qprune tests', 0, 'latin1');
  header.fill(0, 116, 124);
  header.writeUInt16LE(0x0100, 124);
  header.write('IM', 126, 'latin1');
  const el = (type: number, payload: Buffer) => {
    const tag = Buffer.alloc(8);
    tag.writeUInt32LE(type, 0);
    tag.writeUInt32LE(payload.length, 4);
    const pad = Buffer.alloc((8 - (payload.length % 8)) % 8);
    return Buffer.concat([tag, payload, pad]);
  };
  const flags = Buffer.alloc(8);
  flags.writeUInt32LE(9, 0); // mxUINT8_CLASS
  const dimBuf = Buffer.alloc(4 * dims.length);
  dims.forEach((d, i) => dimBuf.writeInt32LE(d, 4 * i));
  const body = Buffer.concat([el(6, flags), el(5, dimBuf), el(1, Buffer.from(name, 'latin1')), el(2, Buffer.from(data))]);
  const matrix = el(14, body);
  if (!compress) return Buffer.concat([header, matrix]);
  const z = deflateSync(matrix);
  const tag = Buffer.alloc(8);
  tag.writeUInt32LE(15, 0);
  tag.writeUInt32LE(z.length, 4);
  return Buffer.concat([header, tag, z]);
}
