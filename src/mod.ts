/**
 * qprune as a library: `import { prune } from 'qprune'`. The curated public face; everything else
 * under src/ is internal and may change. Types are in types.ts (re-exported here).
 */
export type * from './types.js';

// The job and the run.
export { runPruneJob, runPruneJob as prune, storedJob } from './pipeline/prune-job.js';
export { PruneJobSchema, parsePruneJob } from './pipeline/job.js';
export { pruneSummary } from './pipeline/report.js';
export { DirRunStore, NoRunStore } from './pipeline/run-store.js';
export { DEMO_MODEL } from './model/demo.js';

// Where the stages run: one Transport, three implementations.
export { DirectTransport } from './transport/direct.js';
export { WorkerTransport } from './transport/worker.js';
export { NatsTransport } from './transport/nats.js';
export { NatsRunStore } from './cluster/nats-run-store.js';
export { startService } from './cluster/service.js';

// Registries: methods, samplers, refiners.
export { METHOD_REGISTRY, METHODS, methodByName } from './pipeline/methods/registry.js';
export { greedyMethod } from './pipeline/methods/greedy.js';
export { SAMPLERS, samplerByName, checkSampleParams } from './qubo/samplers.js';
export { REFINER_REGISTRY, REFINERS, refinerByName } from './refine/refiners.js';

// The parts, for those who compose their own pipeline.
export { Qubo } from './qubo/problem.js';
export { NetworkQubo } from './qubo/network-qubo.js';
export { decompose } from './qubo/decompose.js';
export { networkQubo } from './pipeline/methods/cross-layer.js';
export { COUPLE_ALL } from './score/accumulator.js';
export { solvePruning } from './pipeline/solve.js';
export { scoreModel } from './score/scores.js';
export { analyzeChannels } from './prune/graph.js';
export { prune as pruneModel } from './prune/surgery.js';
export { loadModel, saveModel } from './io/model-io.js';
export { openDataset } from './data/datasets.js';
export { exportOnnx } from './onnx/export.js';
export { CandidateEvaluator, buildValidationBatch } from './eval/candidates.js';
export { CachedEvaluator } from './eval/cached-evaluator.js';
export { evaluateModel } from './eval/evaluate.js';
export { initBackend } from './engine/backend.js';

export { QpruneError, BadRequest, Aborted } from './errors.js';
