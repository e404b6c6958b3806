/** Where a calibration pass runs: onnxruntime (the exported gate-gradient graph) or tfjs (cross-check). */
export const SCORE_ENGINES = ['onnxruntime', 'tfjs'] as const;
export type ScoreEngine = (typeof SCORE_ENGINES)[number];
