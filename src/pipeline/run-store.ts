/**
 * Where a run keeps what its finished stages produced (scores, solution, evaluated candidates, the
 * refined answer), so `qprune prune --resume <run>` continues after a crash or Ctrl-C without
 * redoing finished work. Embedded runs use a directory (every write atomic); the cluster keeps the
 * same entries in JetStream (src/cluster/nats-run-store.ts). Values are strings (JSON).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { writeFileAtomic } from '../fsutil.js';
import { QpruneError } from '../errors.js';

export interface RunStore {
  readonly id: string;
  /** Human-readable location, for log lines. */
  readonly where: string;
  get(key: string): Promise<string | undefined>;
  put(key: string, value: string): Promise<void>;
}

/** Keeps nothing: a run that cannot be resumed. */
export class NoRunStore implements RunStore {
  readonly where = 'nowhere';
  constructor(readonly id: string) {}
  async get(): Promise<undefined> {
    return undefined;
  }
  async put(): Promise<void> {}
}

const MAX_KEY = 64;
const KEY = /^[a-z][a-z0-9-]{0,63}$/;

/**
 * A key of letters, digits and '-' cut to the store's 64 characters: a longer one keeps its first 47
 * and a hash of the whole (keys that fit are unchanged, so earlier run states stay readable).
 */
export function fitKey(key: string): string {
  return key.length <= MAX_KEY ? key : `${key.slice(0, MAX_KEY - 17)}-${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
}

export class DirRunStore implements RunStore {
  readonly where: string;
  constructor(root: string, readonly id: string) {
    checkRunId(id);
    this.where = path.join(root, id);
  }

  async get(key: string): Promise<string | undefined> {
    if (!KEY.test(key)) throw new QpruneError(`bad run-state key '${key}'`);
    try {
      return await fs.readFile(path.join(this.where, `${key}.json`), 'utf8');
    } catch {
      return undefined;
    }
  }

  async put(key: string, value: string): Promise<void> {
    if (!KEY.test(key)) throw new QpruneError(`bad run-state key '${key}'`);
    await writeFileAtomic(path.join(this.where, `${key}.json`), value);
  }
}

/** A run id is a folder name and a NATS key: 1-64 letters, digits, '-' or '_'. */
export function checkRunId(id: string): void {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) throw new QpruneError(`run id must be 1-64 letters, digits, '-' or '_', got '${id}'`);
}

/** A fresh run id: time plus randomness, sortable, safe as a file name and a NATS key. */
export function newRunId(): string {
  const t = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
  return `${t}-${Math.random().toString(36).slice(2, 6)}`;
}
