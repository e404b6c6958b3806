/**
 * Dihedral augmentation of square HWC patches: the 8 rotations/reflections. Noise in real camera
 * images is not rotation-invariant pixel by pixel, but its statistics are close enough that
 * denoisers are routinely trained this way (the DnCNN and SIDD baselines do).
 */

/** Number of distinct transforms: identity, 3 rotations, 4 reflections. */
export const DIHEDRAL_TRANSFORMS = 8;

/**
 * Writes transform `t` (0..7) of the p×p×c patch at src[from..] into dst[to..]. Bit 0 transposes,
 * bit 1 flips rows, bit 2 flips columns; together they give all 8 symmetries of the square.
 */
export function dihedral(src: Float32Array, from: number, dst: Float32Array, to: number, p: number, c: number, t: number): void {
  if (!(Number.isInteger(t) && t >= 0 && t < DIHEDRAL_TRANSFORMS)) throw new RangeError(`dihedral transform ${t} is not in 0..7`);
  const transpose = (t & 1) !== 0, flipRows = (t & 2) !== 0, flipCols = (t & 4) !== 0;
  for (let y = 0; y < p; y++) {
    for (let x = 0; x < p; x++) {
      let sy = transpose ? x : y, sx = transpose ? y : x;
      if (flipRows) sy = p - 1 - sy;
      if (flipCols) sx = p - 1 - sx;
      const s = from + (sy * p + sx) * c, d = to + (y * p + x) * c;
      for (let k = 0; k < c; k++) dst[d + k] = src[s + k];
    }
  }
}
