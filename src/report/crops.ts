/**
 * Before/after crops for the report: one validation crop as noisy input, clean target, the full
 * model's output and the pruned model's output, and any others given (the pruned model before
 * fine-tuning, the best baseline), each a PNG data URI (the HTML stays self-contained).
 */
import sharp from 'sharp';
import type * as tf from '@tensorflow/tfjs';
import type { ValidationBatch } from '../eval/candidates.js';
import { exportOnnx } from '../onnx/export.js';
import { OrtModel } from '../onnx/ort-engine.js';
import { makeImage } from '../data/image.js';
import { psnr } from '../metrics/quality.js';

export interface Crop { label: string; psnr?: number; png: string }

async function toPng(data: Float32Array, h: number, w: number, c: number): Promise<string> {
  const bytes = Buffer.alloc(data.length);
  for (let i = 0; i < data.length; i++) bytes[i] = Math.round(255 * Math.min(1, Math.max(0, data[i])));
  const png = await sharp(bytes, { raw: { width: w, height: h, channels: c as 1 | 3 } }).png().toBuffer();
  return `data:image/png;base64,${png.toString('base64')}`;
}

/** A model to show: a tfjs model, or its ONNX export (e.g. taken before the model was fine-tuned in place). */
export type CropModel = tf.LayersModel | Uint8Array;

async function denoiseOne(model: CropModel, batch: ValidationBatch, index: number): Promise<Float32Array> {
  const { height: h, width: w, channels: c } = batch;
  const size = h * w * c;
  const ort = await OrtModel.create(model instanceof Uint8Array ? model : exportOnnx(model), { threads: 1 });
  try {
    return (await ort.runBatch(batch.noisy.slice(index * size, (index + 1) * size), [1, h, w, c])).data;
  } finally {
    await ort.release();
  }
}

export async function beforeAfterCrops(full: tf.LayersModel, pruned: tf.LayersModel, batch: ValidationBatch, index = 0, prunedLabel = 'pruned', others: { label: string; model: CropModel }[] = []): Promise<Crop[]> {
  const { height: h, width: w, channels: c } = batch;
  const size = h * w * c;
  const clean = batch.clean.subarray(index * size, (index + 1) * size);
  const noisy = batch.noisy.subarray(index * size, (index + 1) * size);
  const score = (d: Float32Array) => psnr(makeImage(h, w, c, d), makeImage(h, w, c, clean));
  const a = await denoiseOne(full, batch, index), b = await denoiseOne(pruned, batch, index);
  return [
    { label: `noisy input (${batch.names[index]})`, psnr: score(noisy), png: await toPng(noisy, h, w, c) },
    { label: 'full model', psnr: score(a), png: await toPng(a, h, w, c) },
    { label: prunedLabel, psnr: score(b), png: await toPng(b, h, w, c) },
    ...await Promise.all(others.map(async (o) => { const d = await denoiseOne(o.model, batch, index); return { label: o.label, psnr: score(d), png: await toPng(d, h, w, c) }; })),
    { label: 'clean target', png: await toPng(clean, h, w, c) },
  ];
}

/** One model's output on one validation crop, with its PSNR. */
export async function modelCrop(model: CropModel, batch: ValidationBatch, index: number, label: string): Promise<Crop> {
  const { height: h, width: w, channels: c } = batch;
  const size = h * w * c;
  const clean = batch.clean.subarray(index * size, (index + 1) * size);
  const d = await denoiseOne(model, batch, index);
  return { label, psnr: psnr(makeImage(h, w, c, d), makeImage(h, w, c, clean)), png: await toPng(d, h, w, c) };
}

/** The noisy input and the clean target of one validation crop. */
export async function inputCrops(batch: ValidationBatch, index: number): Promise<Crop[]> {
  const { height: h, width: w, channels: c } = batch;
  const size = h * w * c;
  const clean = batch.clean.subarray(index * size, (index + 1) * size), noisy = batch.noisy.subarray(index * size, (index + 1) * size);
  return [
    { label: `noisy input (${batch.names[index]})`, psnr: psnr(makeImage(h, w, c, noisy), makeImage(h, w, c, clean)), png: await toPng(noisy, h, w, c) },
    { label: 'clean target', png: await toPng(clean, h, w, c) },
  ];
}
