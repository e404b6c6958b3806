/** Layer weights as plain arrays, and the channel positions a pruning keeps (shared by slicing and compensation). */
export interface Weight {
  data: Float32Array;
  shape: number[];
  size: number;
}

/** Positions kept along each relevant axis of one layer. */
export interface Kept {
  in: number[];
  out: number[];
  /** Dense after Flatten: kept input rows (position-major, channel-minor). */
  rows?: number[];
}
