#!/usr/bin/env node
// In the repository the CLI runs from the TypeScript sources through tsx's loader (no build step);
// an installed package has no src/ and runs the built dist/ instead.
import { existsSync } from 'node:fs';

// onnxruntime's telemetry uploads stay off unless the user asks for them (src/onnx/ort-telemetry.ts).
process.env.ORT_DISABLE_TELEMETRY ||= '1';

const src = new URL('../src/cli/main.ts', import.meta.url);
let runCli;
if (existsSync(src)) {
  const { register } = await import('tsx/esm/api');
  register();
  ({ runCli } = await import(src.href));
} else {
  ({ runCli } = await import(new URL('../dist/cli/main.js', import.meta.url).href));
}
await runCli();
