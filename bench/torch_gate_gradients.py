"""bench:score's PyTorch peer: the same per-sample gate gradients g_n,i = sum over positions of
a * dL_n/da at every conv input after the first, on the patches and weights bench/score.ts wrote.
Gates are per-sample ones multiplied in (so autograd gives the per-sample sums); weights do not
require gradients, so no filter gradients are formed. Like qprune's scorer it also forms, per batch
and gate, the mean and centred Gram of the gate's input (the statistics behind similarity and
compensation), so both sides do the same work. Prints one JSON line."""
import argparse, json, os, resource, sys, time
import numpy as np
import torch

p = argparse.ArgumentParser()
p.add_argument('--dir', required=True)
p.add_argument('--threads', type=int, default=1)
p.add_argument('--samples', type=int, required=True)
a = p.parse_args()
torch.set_num_threads(a.threads)
torch.set_num_interop_threads(1)

spec = json.load(open(f'{a.dir}/chain.json'))
blob = np.fromfile(f'{a.dir}/weights.bin', dtype=np.float32)
P, B = spec['patch'], spec['batch']
raw = np.fromfile(f'{a.dir}/patches.bin', dtype=np.float32)
total = int(raw[0]); size = P * P
n = min(a.samples, total)
noisy = torch.from_numpy(raw[1:1 + n * size].reshape(n, 1, P, P).copy())
clean = torch.from_numpy(raw[1 + total * size:1 + total * size + n * size].reshape(n, 1, P, P).copy())

def take(at, count):
    return torch.from_numpy(blob[at:at + count].copy())

layers = []
for l in spec['chain']:
    if l['type'] == 'conv':
        kh, kw, ci, co = l['shape']
        w = take(l['kernel'], kh * kw * ci * co).reshape(kh, kw, ci, co).permute(3, 2, 0, 1).contiguous()
        b = take(l['bias'], co) if l['bias'] is not None else None
        layers.append(('conv', w, b, l['relu']))
    elif l['type'] == 'affine':
        c = l['channels']
        layers.append(('affine', take(l['scale'], c).reshape(1, c, 1, 1), take(l['shift'], c).reshape(1, c, 1, 1), None))
    else:
        layers.append((l['type'], None, None, None))

sums = None
t0 = time.perf_counter()
for s in range(0, n, B):
    x = noisy[s:s + B]; y = clean[s:s + B]; m = x.shape[0]
    gates = []
    moments = []
    h = x
    first = True
    for kind, u, v, relu in layers:
        if kind == 'conv':
            if not first:
                g = torch.ones(m, h.shape[1], 1, 1, requires_grad=True)
                gates.append(g)
                with torch.no_grad():
                    mean = h.mean(dim=(0, 2, 3), keepdim=True)
                    centred = h - mean
                    # einsum measured fastest here (vs transpose+mm, bmm); it needs an optimised BLAS
                    # (Debian: libopenblas0-pthread; the reference BLAS is ~25x slower at this product).
                    moments.append((mean.flatten(), torch.einsum('nchw,ndhw->cd', centred, centred)))
                h = h * g
            first = False
            h = torch.nn.functional.conv2d(h, u, v, padding=u.shape[-1] // 2)
            if relu:
                h = torch.relu(h)
        elif kind == 'affine':
            h = h * u + v
        elif kind == 'relu':
            h = torch.relu(h)
        elif kind == 'residual':
            h = x - h
    loss = ((h - y) ** 2).mean(dim=(1, 2, 3)).sum()
    grads = torch.autograd.grad(loss, gates)
    batch_abs = [gr.reshape(m, -1).abs().sum(0).double() for gr in grads]
    sums = batch_abs if sums is None else [a_ + b_ for a_, b_ in zip(sums, batch_abs)]
seconds = time.perf_counter() - t0
print(json.dumps({'engine': 'pytorch', 'threads': a.threads, 'samples': n, 'seconds': seconds,
                  'maxRssMB': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  'sumAbs': [s_.tolist() for s_ in sums],
                  # Debian's torch multiplies matrices with whichever libblas.so.3 is selected.
                  'blas': os.path.realpath('/usr/lib/x86_64-linux-gnu/libblas.so.3')}))
