/**
 * Dead-leaves images: opaque disks with power-law radii (p(r) ∝ r^-3, scale invariant like natural
 * images) dropped front to back until the canvas is covered, plus a mild in-disk gradient so the
 * images are not piecewise constant. Used as built-in training/validation data (no download needed).
 */
import { Image, makeImage } from './image.js';
import { Rng } from './rng.js';

export interface DeadLeavesOptions {
  size: number;
  channels: 1 | 3;
  rMin?: number;
  rMax?: number;
}

export function deadLeaves(rng: Rng, { size, channels, rMin = 2, rMax = size / 3 }: DeadLeavesOptions): Image {
  const img = makeImage(size, size, channels);
  const covered = new Uint8Array(size * size);
  let remaining = size * size;
  // Front-to-back: each new disk only paints pixels not yet covered, so the first disks are on top.
  for (let disk = 0; remaining > 0 && disk < 20000; disk++) {
    // Inverse CDF of p(r) ∝ r^-3 on [rMin, rMax].
    const u = rng.next();
    const r = 1 / Math.sqrt(1 / (rMin * rMin) - u * (1 / (rMin * rMin) - 1 / (rMax * rMax)));
    const cx = rng.next() * size, cy = rng.next() * size;
    const color = Array.from({ length: channels }, () => 0.1 + 0.8 * rng.next());
    const gx = (rng.next() - 0.5) * 0.3 / r, gy = (rng.next() - 0.5) * 0.3 / r;
    const y0 = Math.max(0, Math.floor(cy - r)), y1 = Math.min(size - 1, Math.ceil(cy + r));
    const x0 = Math.max(0, Math.floor(cx - r)), x1 = Math.min(size - 1, Math.ceil(cx + r));
    for (let y = y0; y <= y1; y++) {
      for (let x = x0; x <= x1; x++) {
        const p = y * size + x;
        if (covered[p]) continue;
        const dx = x + 0.5 - cx, dy = y + 0.5 - cy;
        if (dx * dx + dy * dy > r * r) continue;
        covered[p] = 1;
        remaining--;
        const shade = gx * dx + gy * dy;
        for (let c = 0; c < channels; c++) img.data[p * channels + c] = Math.min(1, Math.max(0, color[c] + shade));
      }
    }
  }
  return img;
}
