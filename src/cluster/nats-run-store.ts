/**
 * Run state in JetStream, for `qprune prune --nats ... --resume <run>`: the KV bucket <ns>-runs holds
 * one entry per finished stage (key <run>.<stage>: size, time and where the value is), the value
 * itself goes to the cluster's object store (run-<run>-<stage>), since scores and evaluation journals
 * outgrow a KV value. A stage counts as finished once its KV entry exists, and that entry is written
 * after the object, so a crash in between leaves the stage simply unfinished.
 */
import { Kvm, KV } from '@nats-io/kv';
import { Objm, ObjectStore } from '@nats-io/obj';
import type { RunStore } from '../pipeline/run-store.js';
import type { NatsTransport } from '../transport/nats.js';
import { QpruneError } from '../errors.js';
import type { NatsConnection } from '@nats-io/transport-node';
import { retryingNats } from '../transport/nats-retry.js';

export class NatsRunStore implements RunStore {
  readonly where: string;
  private constructor(readonly id: string, private readonly nc: NatsConnection, private readonly kv: KV, private readonly objects: ObjectStore, bucket: string) {
    this.where = `NATS KV ${bucket} (${id}.*)`;
  }

  static async open(transport: NatsTransport, id: string): Promise<NatsRunStore> {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) throw new QpruneError(`run id must be 1-64 letters, digits, '-' or '_', got '${id}'`);
    const bucket = transport.names.runs;
    // Created with their limits by setupCluster (NatsTransport.connect).
    const kv = await new Kvm(transport.nc).open(bucket);
    const objects = await new Objm(transport.nc).open(transport.names.objects);
    return new NatsRunStore(id, transport.nc, kv, objects, bucket);
  }

  private object(key: string): string {
    return `run-${this.id}-${key}`;
  }

  async get(key: string): Promise<string | undefined> {
    return retryingNats(this.nc, `run state ${this.id}.${key}`, async () => {
      const e = await this.kv.get(`${this.id}.${key}`);
      if (!e || e.operation !== 'PUT' || !e.value.length) return undefined;
      const data = await this.objects.getBlob(this.object(key));
      if (!data) throw new QpruneError(`run state ${this.id}.${key} is listed but its object ${this.object(key)} is missing`);
      return new TextDecoder().decode(data);
    });
  }

  async put(key: string, value: string): Promise<void> {
    const bytes = new TextEncoder().encode(value);
    await retryingNats(this.nc, `run state ${this.id}.${key}`, async () => {
      await this.objects.putBlob({ name: this.object(key) }, bytes);
      await this.kv.put(`${this.id}.${key}`, JSON.stringify({ bytes: bytes.length, at: new Date().toISOString(), object: this.object(key) }));
    });
  }
}
