/** The `qprune` command line: dispatches to one module per command, loaded only when that command runs. */
import { QpruneError } from '../errors.js';

interface CommandModule {
  help: string;
  run: (argv: string[]) => Promise<string>;
}

interface Command {
  summary: string;
  load: () => Promise<CommandModule>;
}

// Lazy: `qprune serve solver` must not load tfjs, onnxruntime and every other command's imports.
const commands: Record<string, Command> = {
  demo: { summary: 'every method on the bundled demo model: table + report (no NATS, no ../shared)', load: async () => { const m = await import('./demo.js'); return { help: m.demoHelp, run: m.runDemo }; } },
  eval: { summary: 'mean PSNR/SSIM and throughput of a denoiser on a dataset', load: async () => { const m = await import('./eval.js'); return { help: m.evalHelp, run: m.runEval }; } },
  experiment: { summary: 'methods x sparsities x models on held-out test sets: the comparison table', load: async () => { const m = await import('./experiment.js'); return { help: m.experimentHelp, run: m.runExperiment }; } },
  export: { summary: 'write a model (optionally pruned) as an ONNX file', load: async () => { const m = await import('./export.js'); return { help: m.exportHelp, run: m.runExport }; } },
  graph: { summary: 'list the channel groups that must be pruned together', load: async () => { const m = await import('./graph.js'); return { help: m.graphHelp, run: m.runGraph }; } },
  prune: { summary: 'the whole pipeline: score, solve, refine, remove filters; model + report', load: async () => { const m = await import('./prune.js'); return { help: m.pruneHelp, run: m.runPrune }; } },
  qubo: { summary: 'solve QUBO instance files with our samplers, or generate instances', load: async () => { const m = await import('./qubo.js'); return { help: m.quboHelp, run: m.runQubo }; } },
  refine: { summary: 'improve a QUBO solution against the true PSNR (tensor-train optimiser)', load: async () => { const m = await import('./refine.js'); return { help: m.refineHelp, run: m.runRefine }; } },
  score: { summary: 'channel importance (L1, L2, Taylor, Fisher) and activation similarity', load: async () => { const m = await import('./score.js'); return { help: m.scoreHelp, run: m.runScore }; } },
  serve: { summary: 'run a cluster service (coordinator, scorer, solver, evaluator) against NATS', load: async () => { const m = await import('./serve.js'); return { help: m.serveHelp, run: m.runServe }; } },
  solve: { summary: 'scores -> which filters each group keeps (greedy, L1-QUBO or hybrid QUBO)', load: async () => { const m = await import('./solve.js'); return { help: m.solveHelp, run: m.runSolve }; } },
  surgery: { summary: 'physically prune a model with a keep file and save it', load: async () => { const m = await import('./surgery.js'); return { help: m.surgeryHelp, run: m.runSurgery }; } },
  train: { summary: 'train a residual denoiser (DnCNN-style) on image patches', load: async () => { const m = await import('./train.js'); return { help: m.trainHelp, run: m.runTrain }; } },
};

function usage(): string {
  const width = Math.max(...Object.keys(commands).map((c) => c.length));
  return [
    'usage: qprune <command> [options]    (qprune <command> --help for its options)',
    '',
    'commands:',
    ...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
  ].join('\n');
}

async function write(text: string, stream: NodeJS.WriteStream): Promise<void> {
  if (!text) return;
  await new Promise<void>((resolve) => stream.write(text.endsWith('\n') ? text : text + '\n', () => resolve()));
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    await write(usage(), process.stdout);
    return name ? 0 : 2;
  }
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  try {
    if (!command) throw new QpruneError(`unknown command '${name}'\n${usage()}`);
    const mod = await command.load();
    if (rest.includes('--help') || rest.includes('-h')) {
      await write(mod.help, process.stdout);
      return 0;
    }
    await write(await mod.run(rest), process.stdout);
    return 0;
  } catch (err) {
    if (err instanceof QpruneError) {
      await write(`qprune: error: ${err.message}`, process.stderr);
      return err.exitCode;
    }
    await write(`qprune: internal error: ${(err as Error)?.stack ?? String(err)}`, process.stderr);
    return 1;
  }
}

// Run when executed directly (bin/qprune.js imports this module and calls main itself).
export async function runCli(): Promise<never> {
  const code = await main(process.argv.slice(2));
  process.exit(code);
}
