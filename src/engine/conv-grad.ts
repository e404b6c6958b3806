/**
 * Conv2D gradients built from forward ops.
 *
 * The wasm backend has no Conv2DBackpropFilter kernel, and the cpu backend's conv gradient kernels are
 * scalar loops (~0.01 GFLOP/s). Both backends have fast conv2d, pad/slice and matMul, so we replace
 * the two gradient kernels on those backends:
 *  - input gradient (stride 1): a 'valid' conv2d of the zero-padded upstream gradient with the
 *    spatially flipped kernel whose in/out channel axes are swapped;
 *  - filter gradient, stride 1: itself a 'valid' convolution, with the roles of the axes swapped: the
 *    padded input seen as [CI, H+pad, W+pad, B] (input channels as the batch, samples as channels)
 *    convolved with dy seen as a kernel [OH, OW, B, CO] gives [CI, KH, KW, CO] directly. This runs on
 *    the backend's fast conv (XNNPACK on wasm) with no im2col buffer: 7x faster than im2col + a
 *    transposed matMul, which XNNPACK does not accelerate;
 *  - filter gradient, other strides/dilations: im2col of the padded input as KH*KW strided slices
 *    concatenated on the channel axis, then one matMul against the upstream gradient.
 * Registering kernels (rather than a Conv2D gradient) matters because tfjs-layers runs convolutions
 * through `fused.conv2d`, whose own gradient calls these kernels directly.
 */
import * as tf from '@tensorflow/tfjs';

type KernelFunc = tf.KernelConfig['kernelFunc'];
type TensorInfo = tf.TensorInfo;
type Conv2DBackpropFilterAttrs = {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  filterShape: [number, number, number, number];
};
type Conv2DBackpropInputAttrs = Omit<Conv2DBackpropFilterAttrs, 'filterShape'> & {
  inputShape: [number, number, number, number];
};

/** Largest im2col buffer (floats) built at once; bigger batches are processed in slices. */
const IM2COL_MAX_FLOATS = 1 << 25;

/**
 * Wrap a kernel input as a Tensor so ops can use it. The wrapper shares the input's data, so we take
 * a backend reference first; disposing the wrapper (at the end of the tidy) gives it back.
 */
function asTensor<R extends tf.Rank>(info: TensorInfo, backend: unknown): tf.Tensor<R> {
  (backend as { incRef(dataId: tf.DataId): void }).incRef(info.dataId);
  return tf.engine().makeTensorFromTensorInfo(info) as tf.Tensor<R>;
}

/** Zero-pad the spatial axes of an NHWC tensor as the forward conv did (no-op without padding). */
function padSpatial(x: tf.Tensor4D, { top, bottom, left, right }: { top: number; bottom: number; left: number; right: number }): tf.Tensor4D {
  return top || bottom || left || right ? tf.pad(x, [[0, 0], [top, bottom], [left, right], [0, 0]]) : x;
}

/** dW[kh,kw,ci,co] = sum over b,oh,ow of xPadded[b, oh*sh + kh*dh, ow*sw + kw*dw, ci] * dy[b,oh,ow,co]. */
export function conv2dFilterGrad(
  x: tf.Tensor4D,
  dy: tf.Tensor4D,
  filterShape: [number, number, number, number],
  strides: [number, number] | number,
  pad: Conv2DBackpropFilterAttrs['pad'],
  dimRoundingMode?: Conv2DBackpropFilterAttrs['dimRoundingMode'],
  dilations: [number, number] | number = 1,
): tf.Tensor4D {
  return tf.tidy(() => {
    const info = tf.backend_util.computeConv2DInfo(x.shape, filterShape, strides, dilations, pad, dimRoundingMode);
    const [KH, KW, CI, CO] = filterShape;
    const { outHeight: OH, outWidth: OW, strideHeight: sh, strideWidth: sw, dilationHeight: dh, dilationWidth: dw } = info;
    const B = x.shape[0];
    const perSample = OH * OW * KH * KW * CI;
    const chunk = Math.max(1, Math.floor(IM2COL_MAX_FLOATS / perSample));
    let total: tf.Tensor2D | undefined;
    for (let b0 = 0; b0 < B; b0 += chunk) {
      const nb = Math.min(chunk, B - b0);
      const part = tf.tidy(() => {
        const xs = nb === B ? x : tf.slice(x, [b0, 0, 0, 0], [nb, -1, -1, -1]);
        const dys = nb === B ? dy : tf.slice(dy, [b0, 0, 0, 0], [nb, -1, -1, -1]);
        const xp = padSpatial(xs, info.padInfo);
        const pieces: tf.Tensor4D[] = [];
        for (let kh = 0; kh < KH; kh++) {
          for (let kw = 0; kw < KW; kw++) {
            const begin = [0, kh * dh, kw * dw, 0];
            pieces.push(sh === 1 && sw === 1
              ? tf.slice(xp, begin, [nb, OH, OW, CI])
              : tf.stridedSlice(xp, begin, [nb, kh * dh + (OH - 1) * sh + 1, kw * dw + (OW - 1) * sw + 1, CI], [1, sh, sw, 1]) as tf.Tensor4D);
          }
        }
        const cols = tf.reshape(pieces.length === 1 ? pieces[0] : tf.concat(pieces, 3), [nb * OH * OW, KH * KW * CI]);
        // dy^T · cols then a small transpose: XNNPACK has no fast path for a transposed left operand.
        const dyT = tf.transpose(tf.reshape(dys, [nb * OH * OW, CO]));
        return tf.transpose(tf.matMul(dyT, cols)) as tf.Tensor2D;
      });
      if (total) {
        const next = tf.add(total, part) as tf.Tensor2D;
        total.dispose();
        part.dispose();
        total = next;
      } else total = part;
    }
    return tf.reshape(total!, [KH, KW, CI, CO]);
  });
}

/** A conv's padding as its kernel attributes give it. */
type Padding = Pick<Conv2DBackpropFilterAttrs, 'pad' | 'dimRoundingMode'>;

/** dW for a stride-1, dilation-1 conv, computed as one 'valid' conv with batch and channel axes swapped. */
export function conv2dFilterGradStride1(x: tf.Tensor4D, dy: tf.Tensor4D, filterShape: [number, number, number, number], { pad, dimRoundingMode }: Padding): tf.Tensor4D {
  return tf.tidy(() => {
    const info = tf.backend_util.computeConv2DInfo(x.shape, filterShape, 1, 1, pad, dimRoundingMode);
    const xp = padSpatial(x, info.padInfo);
    // Rows/cols of the padded input past the last output position never meet dy; drop them so the
    // 'valid' conv yields exactly KH x KW positions.
    const rows = info.outHeight + filterShape[0] - 1, cols = info.outWidth + filterShape[1] - 1;
    const used = xp.shape[1] === rows && xp.shape[2] === cols ? xp : tf.slice(xp, [0, 0, 0, 0], [-1, rows, cols, -1]);
    const xT = tf.transpose(used, [3, 1, 2, 0]) as tf.Tensor4D; // [CI, rows, cols, B]
    const dyK = tf.transpose(dy, [1, 2, 0, 3]) as tf.Tensor4D; // [OH, OW, B, CO]
    const g = tf.conv2d(xT, dyK, 1, 'valid'); // [CI, KH, KW, CO]
    return tf.transpose(g, [1, 2, 0, 3]) as tf.Tensor4D;
  });
}

/** dx for a stride-1, dilation-1 conv: 'valid' conv of the re-padded dy with the flipped, transposed kernel. */
export function conv2dInputGradStride1(dy: tf.Tensor4D, filter: tf.Tensor4D, inputShape: [number, number, number, number], { pad, dimRoundingMode }: Padding): tf.Tensor4D {
  return tf.tidy(() => {
    const info = tf.backend_util.computeConv2DInfo(inputShape, filter.shape, 1, 1, pad, dimRoundingMode);
    const [KH, KW] = filter.shape;
    const { top, left } = info.padInfo;
    // Full correlation needs KH-1-top rows before dy and enough after it to give back H rows.
    const padTop = KH - 1 - top;
    const padLeft = KW - 1 - left;
    const padBottom = inputShape[1] + KH - 1 - padTop - dy.shape[1];
    const padRight = inputShape[2] + KW - 1 - padLeft - dy.shape[2];
    const flipped = tf.transpose(tf.reverse(filter, [0, 1]), [0, 1, 3, 2]) as tf.Tensor4D;
    const dyp = tf.pad(dy, [[0, 0], [padTop, padBottom], [padLeft, padRight], [0, 0]]);
    return tf.conv2d(dyp, flipped, 1, 'valid');
  });
}

function isUnitStride(strides: [number, number] | number): boolean {
  return typeof strides === 'number' ? strides === 1 : strides[0] === 1 && strides[1] === 1;
}

const registered = new Set<string>();

/**
 * While > 0, the filter-gradient kernel returns zeros instead of computing. tfjs-layers' fused conv
 * computes the filter gradient eagerly even when only input-side gradients are asked for (channel
 * gates in scoring); weights are not differentiated there, so the work would be thrown away.
 */
let skipFilterGradients = 0;

/** Run `fn` with conv filter gradients skipped (only for callers that never read weight gradients). */
export async function withoutFilterGradients<T>(fn: () => Promise<T>): Promise<T> {
  skipFilterGradients++;
  try {
    return await fn();
  } finally {
    skipFilterGradients--;
  }
}

/**
 * Install the forward-op gradient kernels on `backendName` (wasm and cpu; native TensorFlow has fast
 * kernels of its own). Idempotent. Configurations the fast path does not cover fall back to the
 * backend's original kernel when it has one.
 */
export function registerConvGradients(backendName: string): void {
  if (backendName !== 'wasm' && backendName !== 'cpu') return;
  if (registered.has(backendName)) return;
  registered.add(backendName);

  const originalFilter = tf.getKernel('Conv2DBackpropFilter', backendName)?.kernelFunc;
  const originalInput = tf.getKernel('Conv2DBackpropInput', backendName)?.kernelFunc;

  const filterKernel: KernelFunc = ({ inputs, attrs, backend }) => {
    const a = attrs as unknown as Conv2DBackpropFilterAttrs;
    if (a.dataFormat === 'NCHW') throw new Error('Conv2DBackpropFilter: NCHW is not supported');
    if (skipFilterGradients > 0) return tf.zeros(a.filterShape);
    return tf.tidy(() => {
      const x = asTensor<tf.Rank.R4>(inputs.x as TensorInfo, backend);
      const dy = asTensor<tf.Rank.R4>(inputs.dy as TensorInfo, backend);
      return isUnitStride(a.strides)
        ? conv2dFilterGradStride1(x, dy, a.filterShape, a)
        : conv2dFilterGrad(x, dy, a.filterShape, a.strides, a.pad, a.dimRoundingMode);
    });
  };

  const inputKernel: KernelFunc = (args) => {
    const a = args.attrs as unknown as Conv2DBackpropInputAttrs;
    if (!isUnitStride(a.strides) || a.dataFormat === 'NCHW') {
      if (!originalInput) throw new Error(`Conv2DBackpropInput: strided gradient not available on ${backendName}`);
      return originalInput(args);
    }
    return tf.tidy(() => {
      const dy = asTensor<tf.Rank.R4>(args.inputs.dy as TensorInfo, args.backend);
      const filter = asTensor<tf.Rank.R4>(args.inputs.filter as TensorInfo, args.backend);
      return conv2dInputGradStride1(dy, filter, a.inputShape, a);
    });
  };

  for (const [kernelName, kernelFunc] of [
    ['Conv2DBackpropFilter', filterKernel],
    ['Conv2DBackpropInput', inputKernel],
  ] as const) {
    if (tf.getKernel(kernelName, backendName)) tf.unregisterKernel(kernelName, backendName);
    tf.registerKernel({ kernelName, backendName, kernelFunc });
  }
}
