/**
 * Images in memory: float32, interleaved HWC, values on [0, 1] (8-bit / 255, 16-bit / 65535).
 * Reading goes through sharp (libvips), which keeps 16-bit depth when asked.
 */
import sharp from 'sharp';
import { QpruneError, describeError } from '../errors.js';
import { readFileOrFail } from '../fsutil.js';

export interface Image {
  height: number;
  width: number;
  channels: number;
  data: Float32Array;
}

export function makeImage(height: number, width: number, channels: number, data?: Float32Array): Image {
  const n = height * width * channels;
  if (data && data.length !== n) throw new Error(`image data has ${data.length} values, ${height}x${width}x${channels} needs ${n}`);
  return { height, width, channels, data: data ?? new Float32Array(n) };
}

export const IMAGE_EXTENSIONS = /\.(png|jpe?g|tiff?|bmp|webp)$/i;

/**
 * Read an image file: gray files give 1 channel, colour files 3 (alpha dropped). `channels` converts
 * afterwards with convertChannels (our conversion, not libvips', so it is the same for every source).
 */
export async function readImage(file: string, channels?: 1 | 3): Promise<Image> {
  const buf = await readFileOrFail(file, 'image');
  let img: Image;
  try {
    const meta = await sharp(buf).metadata();
    const outGray = (meta.channels ?? 3) <= 2;
    const sixteen = meta.depth === 'ushort';
    let pipe = sharp(buf).removeAlpha();
    pipe = pipe.toColourspace(outGray ? (sixteen ? 'grey16' : 'b-w') : sixteen ? 'rgb16' : 'srgb');
    const { data, info } = await pipe.raw(sixteen ? { depth: 'ushort' } : {}).toBuffer({ resolveWithObject: true });
    const c = info.channels;
    const out = new Float32Array(info.width * info.height * c);
    if (sixteen) {
      const src = new Uint16Array(data.buffer, data.byteOffset, data.byteLength / 2);
      for (let i = 0; i < out.length; i++) out[i] = src[i] / 65535;
    } else {
      for (let i = 0; i < out.length; i++) out[i] = data[i] / 255;
    }
    img = makeImage(info.height, info.width, c, out);
  } catch (err) {
    throw new QpruneError(`cannot read image ${file}: ${describeError(err)}`);
  }
  return convertChannels(img, channels);
}

/** Gray <-> RGB: RGB to gray by BT.601 luma (0.299, 0.587, 0.114); gray to RGB by replication. */
export function convertChannels(img: Image, channels?: 1 | 3): Image {
  if (!channels || img.channels === channels) return img;
  const n = img.height * img.width;
  if (channels === 1) {
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = 0.299 * img.data[3 * i] + 0.587 * img.data[3 * i + 1] + 0.114 * img.data[3 * i + 2];
    return makeImage(img.height, img.width, 1, out);
  }
  const out = new Float32Array(n * 3);
  for (let i = 0; i < n; i++) out[3 * i] = out[3 * i + 1] = out[3 * i + 2] = img.data[i];
  return makeImage(img.height, img.width, 3, out);
}

/** Top-left-anchored crop of size h x w at (y, x). */
export function crop(img: Image, y: number, x: number, h: number, w: number): Image {
  if (y < 0 || x < 0 || y + h > img.height || x + w > img.width) {
    throw new Error(`crop ${h}x${w} at (${y},${x}) is outside a ${img.height}x${img.width} image`);
  }
  const c = img.channels;
  const out = new Float32Array(h * w * c);
  for (let r = 0; r < h; r++) {
    const src = ((y + r) * img.width + x) * c;
    out.set(img.data.subarray(src, src + w * c), r * w * c);
  }
  return makeImage(h, w, c, out);
}

/**
 * The image grown to multiples of `m` on the bottom and right by mirroring its last rows and columns
 * (for networks that downsample by m and cannot take other sizes); the same image when it fits.
 */
export function padToMultiple(img: Image, m: number): Image {
  const H = Math.ceil(img.height / m) * m, W = Math.ceil(img.width / m) * m, c = img.channels;
  if (H === img.height && W === img.width) return img;
  const mirror = (i: number, n: number) => (n === 1 ? 0 : i < n ? i : Math.max(0, 2 * n - 2 - i));
  const out = makeImage(H, W, c);
  for (let y = 0; y < H; y++) {
    const sy = mirror(y, img.height);
    for (let x = 0; x < W; x++) {
      const sx = mirror(x, img.width), s = (sy * img.width + sx) * c, d = (y * W + x) * c;
      for (let k = 0; k < c; k++) out.data[d + k] = img.data[s + k];
    }
  }
  return out;
}

/** Centre crop to at most `size` x `size`. */
export function centerCrop(img: Image, size: number): Image {
  const h = Math.min(size, img.height);
  const w = Math.min(size, img.width);
  return crop(img, Math.floor((img.height - h) / 2), Math.floor((img.width - w) / 2), h, w);
}
