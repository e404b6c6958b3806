/**
 * Channel dependency analysis of a tfjs LayersModel.
 *
 * Every channel of every tensor is a *slot*. Producer layers (Conv2D, Conv2DTranspose, SeparableConv2D,
 * Dense) create fresh slots for their output channels; per-channel layers (BN, activations, pooling,
 * padding, depthwise conv, ...) pass their input slots through; Concatenate joins slot lists; element-
 * wise merges (Add, Subtract, Multiply, Average, Maximum, Minimum) unify their inputs slot by slot
 * (union-find). After the pass, each equivalence class of slots is one prunable *channel*, and the
 * classes connected through shared producers form a *channel group*: the set of (layer, channel)
 * members that must lose the same channels. Classes that reach the model's input or output are fixed,
 * and a group holding any fixed class is not prunable.
 */
import * as tf from '@tensorflow/tfjs';
import { QpruneError } from '../errors.js';
import { depthMultiplier } from '../model/layers.js';

import { isRole, layerKind, SUPPORTED_LAYERS } from '../model/layer-kinds.js';

export interface Member {
  layer: string;
  className: string;
  /** 'out': the layer's output channels; 'in': its input channels (consumer or per-channel params). */
  role: 'out' | 'in';
}

export interface ChannelGroup {
  id: string;
  /** Channels in the group (slot classes). */
  size: number;
  prunable: boolean;
  /** Why not prunable, when it is not. */
  reason?: string;
  /** Producer layers whose output channels form the group. */
  producers: string[];
  members: Member[];
}

export interface LayerChannels {
  name: string;
  className: string;
  /** Class id (global, see classGroup/classIndex) per channel of each input tensor. */
  inputs: number[][];
  /** Class id per output channel (for Flatten: the channels of its input). */
  output: number[];
  /** Flatten: spatial positions per channel (input rows of the Dense after it). */
  flattenPositions?: number;
}

export interface ChannelGraph {
  groups: ChannelGroup[];
  layers: Map<string, LayerChannels>;
  /** For each class id: its group index and its index inside the group. */
  classGroup: Int32Array;
  classIndex: Int32Array;
  /** Layer names in topological order. */
  order: string[];
}

class UnionFind {
  parent: number[] = [];
  make(): number {
    this.parent.push(this.parent.length);
    return this.parent.length - 1;
  }
  find(a: number): number {
    while (this.parent[a] !== a) {
      this.parent[a] = this.parent[this.parent[a]];
      a = this.parent[a];
    }
    return a;
  }
  union(a: number, b: number): void {
    const ra = this.find(a), rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

function lastDim(shape: (number | null)[] | (number | null)[][], layer: string): number {
  const s = (Array.isArray(shape[0]) ? shape[0] : shape) as (number | null)[];
  const c = s[s.length - 1];
  if (c == null) throw new QpruneError(`layer '${layer}' has no fixed channel count`);
  return c;
}

function channelAxisOk(layer: tf.layers.Layer): boolean {
  const cfg = layer.getConfig() as { axis?: number | number[]; dataFormat?: string };
  if (cfg.dataFormat && cfg.dataFormat !== 'channelsLast') return false;
  if (layer.getClassName() === 'BatchNormalization') return cfg.axis === -1 || cfg.axis === 3 || (Array.isArray(cfg.axis) && cfg.axis.length === 1 && (cfg.axis[0] === -1 || cfg.axis[0] === 3));
  if (layer.getClassName() === 'Concatenate') return cfg.axis === -1 || cfg.axis === 3;
  return true;
}

/**
 * The one inbound node of `layer` that belongs to `model` (a layer can also appear in other models
 * built on it, e.g. a masked model; those nodes do not count). Layers called twice in this model
 * (shared layers) are refused.
 */
/** A layer's call node (tfjs-layers' Node; not exported from its public entry point). */
export type LayerNode = tf.layers.Layer['inboundNodes'][number];

export function modelNode(model: tf.LayersModel, layer: tf.layers.Layer): LayerNode {
  const own = (model as unknown as { containerNodes: Set<string> }).containerNodes;
  const mine = layer.inboundNodes.filter((_, i) => own.has(`${layer.name}_ib-${i}`));
  if (mine.length !== 1) {
    throw new QpruneError(`layer '${layer.name}' (${layer.getClassName()}) is called ${mine.length} times in the model; shared layers are not supported by the pruning graph`);
  }
  return mine[0];
}

export function analyzeChannels(model: tf.LayersModel): ChannelGraph {
  const uf = new UnionFind();
  const fixed = new Set<number>();
  const slotsOf = new Map<string, number[]>(); // layer name -> output slots
  const raw = new Map<string, { className: string; inputs: number[][]; output: number[]; flattenPositions?: number; producer: boolean }>();
  const fresh = (n: number) => Array.from({ length: n }, () => uf.make());
  const order: string[] = [];

  // Sequential models keep their InputLayer outside model.layers: register the inputs first.
  for (const input of model.inputs) {
    const layer = input.sourceLayer;
    const slots = fresh(lastDim(input.shape, layer.name));
    slots.forEach((s) => fixed.add(s));
    slotsOf.set(layer.name, slots);
    raw.set(layer.name, { className: 'InputLayer', inputs: [], output: slots, producer: false });
  }
  for (const layer of model.layers) {
    const name = layer.name;
    const cls = layer.getClassName();
    if (raw.has(name)) continue;
    order.push(name);
    const node = modelNode(model, layer);
    const inputs = node.inboundLayers.map((l, i) => {
      if (node.tensorIndices[i] !== 0) throw new QpruneError(`layer '${l.name}' has several outputs; not supported by the pruning graph`);
      return slotsOf.get(l.name)!;
    });
    if (!channelAxisOk(layer)) throw new QpruneError(`layer '${name}' (${cls}) does not work on the last (channels) axis; not supported by the pruning graph`);
    let output: number[];
    let flattenPositions: number | undefined;
    let producer = false;
    if (isRole(cls, 'producer')) {
      const inShape = (Array.isArray(node.inputShapes[0]) ? node.inputShapes[0] : node.inputShapes) as (number | null)[];
      if (cls === 'Dense' && inShape.length !== 2) {
        throw new QpruneError(`layer '${name}' (Dense) on a rank > 2 input is not supported by the pruning graph (use Flatten first)`);
      }
      output = fresh(lastDim(layer.outputShape as (number | null)[], name));
      producer = true;
    } else if (isRole(cls, 'per-channel')) {
      if (cls === 'DepthwiseConv2D' && depthMultiplier(layer) !== 1) {
        throw new QpruneError(`layer '${name}' (DepthwiseConv2D) with depthMultiplier != 1 is not supported by the pruning graph`);
      }
      output = inputs[0];
      const upstream = raw.get(node.inboundLayers[0].name)?.flattenPositions;
      if (upstream !== undefined) {
        if (!layerKind(cls)?.elementwise) {
          throw new QpruneError(`layer '${name}' (${cls}) after Flatten is not supported by the pruning graph`);
        }
        flattenPositions = upstream;
      }
    } else if (isRole(cls, 'merge')) {
      const n = inputs[0].length;
      if (inputs.some((s) => s.length !== n)) throw new QpruneError(`layer '${name}' (${cls}) merges inputs with different channel counts`);
      for (const other of inputs.slice(1)) other.forEach((s, i) => uf.union(inputs[0][i], s));
      output = inputs[0];
    } else if (isRole(cls, 'concat')) {
      output = inputs.flat();
    } else if (isRole(cls, 'flatten')) {
      const shape = (Array.isArray(node.inputShapes[0]) ? node.inputShapes[0] : node.inputShapes) as (number | null)[];
      const positions = shape.slice(1, -1).reduce<number>((a, b) => {
        if (b == null) throw new QpruneError(`layer '${name}' (Flatten) needs a fixed spatial input size`);
        return a * b;
      }, 1);
      output = inputs[0];
      flattenPositions = positions;
    } else {
      throw new QpruneError(`layer '${name}' of type ${cls} is not supported by the pruning graph (supported: ${SUPPORTED_LAYERS.join(', ')})`);
    }
    slotsOf.set(name, output);
    raw.set(name, { className: cls, inputs, output, flattenPositions, producer });
  }
  for (const out of model.outputs) slotsOf.get(out.sourceLayer.name)!.forEach((s) => fixed.add(s));

  // Number classes group by group, in producer order, so ids are stable for a given model.
  const rootGroup = new Map<number, number>(); // class root -> group index
  const rootIndex = new Map<number, number>(); // class root -> index inside group
  const groups: ChannelGroup[] = [];
  const fixedRoots = new Set([...fixed].map((s) => uf.find(s)));
  // Producers linked through any shared class belong to one group: union producers via their classes.
  const producerOfRoot = new Map<number, string>();
  const groupUf = new UnionFind();
  const producerIds = new Map<string, number>();
  for (const [name, r] of raw) {
    if (!r.producer) continue;
    const id = groupUf.make();
    producerIds.set(name, id);
    for (const s of r.output) {
      const root = uf.find(s);
      const prev = producerOfRoot.get(root);
      if (prev !== undefined) groupUf.union(producerIds.get(prev)!, id);
      else producerOfRoot.set(root, name);
    }
  }
  const groupOfProducerRoot = new Map<number, number>();
  for (const [name, r] of raw) {
    if (!r.producer) continue;
    const g = groupUf.find(producerIds.get(name)!);
    let gi = groupOfProducerRoot.get(g);
    if (gi === undefined) {
      gi = groups.length;
      groupOfProducerRoot.set(g, gi);
      groups.push({ id: `g${gi}`, size: 0, prunable: true, producers: [], members: [] });
    }
    const group = groups[gi];
    group.producers.push(name);
    for (const s of r.output) {
      const root = uf.find(s);
      if (!rootGroup.has(root)) {
        rootGroup.set(root, gi);
        rootIndex.set(root, group.size++);
        if (fixedRoots.has(root) && group.prunable) {
          group.prunable = false;
          group.reason = 'its channels reach the model input or output';
        }
      }
    }
  }
  // Class ids: index by slot root; map every slot to (group, index).
  const classGroup = new Int32Array(uf.parent.length).fill(-1);
  const classIndex = new Int32Array(uf.parent.length).fill(-1);
  for (let s = 0; s < uf.parent.length; s++) {
    const root = uf.find(s);
    const g = rootGroup.get(root);
    if (g !== undefined) {
      classGroup[s] = g;
      classIndex[s] = rootIndex.get(root)!;
    }
  }
  const layers = new Map<string, LayerChannels>();
  for (const [name, r] of raw) {
    layers.set(name, { name, className: r.className, inputs: r.inputs, output: r.output, flattenPositions: r.flattenPositions });
    const touched = new Set<number>();
    const add = (slots: number[], role: 'in' | 'out') => {
      for (const s of slots) {
        const g = classGroup[s];
        if (g < 0 || touched.has(g * 2 + (role === 'in' ? 0 : 1))) continue;
        touched.add(g * 2 + (role === 'in' ? 0 : 1));
        groups[g].members.push({ layer: name, className: r.className, role });
      }
    };
    if (r.producer) add(r.output, 'out');
    // Layers with per-channel parameters or that consume channels are members through their inputs.
    if (r.producer || layerKind(r.className)?.channelWeights) r.inputs.forEach((i) => add(i, 'in'));
  }
  for (const g of groups) if (g.size === 0) throw new Error(`internal: empty channel group ${g.id}`);
  return { groups, layers, classGroup, classIndex, order };
}

/** Keep masks per group id: 1 keeps the channel. Groups not listed keep everything. */
export type KeepMasks = Map<string, Uint8Array>;

/** Validates masks against the graph; returns a full map (all groups) with clear errors on misuse. */
export function resolveKeep(graph: ChannelGraph, keep: KeepMasks): Uint8Array[] {
  const byId = new Map(graph.groups.map((g, i) => [g.id, i]));
  for (const id of keep.keys()) if (!byId.has(id)) throw new QpruneError(`keep mask names unknown channel group '${id}' (groups: ${graph.groups.map((g) => g.id).join(', ')})`);
  return graph.groups.map((g) => {
    const m = keep.get(g.id);
    if (!m) return new Uint8Array(g.size).fill(1);
    if (m.length !== g.size) throw new QpruneError(`keep mask for group ${g.id} has length ${m.length}, the group has ${g.size} channels`);
    let kept = 0;
    for (const v of m) {
      if (v !== 0 && v !== 1) throw new QpruneError(`keep mask for group ${g.id} must hold only 0 and 1`);
      kept += v;
    }
    if (!g.prunable && kept !== g.size) throw new QpruneError(`group ${g.id} is not prunable (${g.reason}); its mask must keep every channel`);
    if (kept === 0) throw new QpruneError(`keep mask for group ${g.id} keeps no channel: a group cannot be emptied`);
    return m;
  });
}

/** Keep masks from channel index lists, e.g. parsed from keep.json. */
export function masksFromIndices(graph: ChannelGraph, kept: Record<string, number[]>): KeepMasks {
  const out: KeepMasks = new Map();
  for (const [id, idx] of Object.entries(kept)) {
    const g = graph.groups.find((x) => x.id === id);
    if (!g) throw new QpruneError(`keep list names unknown channel group '${id}'`);
    const m = new Uint8Array(g.size);
    for (const i of idx) {
      if (!Number.isInteger(i) || i < 0 || i >= g.size) throw new QpruneError(`keep index ${i} is out of range for group ${id} (0..${g.size - 1})`);
      m[i] = 1;
    }
    out.set(id, m);
  }
  return out;
}

/** Whether one slot survives under resolved masks (classes outside any group always do). */
export function slotKept(graph: ChannelGraph, masks: Uint8Array[], slot: number): boolean {
  const g = graph.classGroup[slot];
  return g < 0 || masks[g][graph.classIndex[slot]] === 1;
}

/** Indices (positions in the slot list) that survive. */
export function keptPositions(graph: ChannelGraph, masks: Uint8Array[], slots: number[]): number[] {
  const out: number[] = [];
  slots.forEach((s, i) => {
    if (slotKept(graph, masks, s)) out.push(i);
  });
  return out;
}
