import { fileURLToPath } from 'node:url';

/** The bundled demo denoiser (DnCNN-S-like, trained by `qprune train` on procedural dead leaves), shipped in the package. */
export const DEMO_MODEL = fileURLToPath(new URL('../../models/demo-dncnn-s25', import.meta.url));
