/**
 * qprune's types in one place: the job and its report, and the seams where a user plugs in or
 * swaps out a part (Transport, Sampler, Refiner, Importance / PruningMethod, MaskEvaluator, RunStore).
 */
export type { PruneJob, PruneJobInput } from './pipeline/job.js';
export type { PruneReport } from './pipeline/report.js';
export type { RunPruneOptions } from './pipeline/prune-job.js';
export type { Transport, JobKind, JobHandler, ObjectSource, RunJobsOptions } from './transport/transport.js';
export type { WorkerTransportOptions } from './transport/worker.js';
export type { Sampler, SampleParams, SamplerName, ParameterDecl } from './qubo/samplers.js';
export type { SampleSet } from './qubo/sampleset.js';
export type { CouplingBlock } from './qubo/network-qubo.js';
export type { DecomposeOptions, DecomposeResult, DecomposeRound } from './qubo/decompose.js';
export type { CrossFisher } from './score/scores.js';
export type { GroupSolver, SolveRequest } from './qubo/group-solver.js';
export type { Refiner, BatchObjective, RefineOptions, RefineResult, Point } from './refine/objective.js';
export type { RefinerParams, RefinerEntry } from './refine/refiners.js';
export type { Importance, PruningMethod, MethodInput } from './pipeline/methods/types.js';
export type { MaskEvaluator, CandidateScore } from './eval/mask-evaluator.js';
export type { ValidationBatch } from './eval/candidates.js';
export type { RunStore } from './pipeline/run-store.js';
export type { Progress } from './ui/progress.js';
export type { Solution, SolutionGroup } from './prune/solution.js';
export type { KeepMasks, ChannelGraph } from './prune/graph.js';
export type { ScoreResult, GroupScore } from './score/scores.js';
export type { PairSource } from './data/datasets.js';
