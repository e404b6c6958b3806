/** The `qprune` command line: dispatches to one module per command. */
import { QpruneError } from '../errors.js';
import { evalHelp, runEval } from './eval.js';
import { trainHelp, runTrain } from './train.js';
import { graphHelp, runGraph } from './graph.js';
import { surgeryHelp, runSurgery } from './surgery.js';
import { exportHelp, runExport } from './export.js';
import { scoreHelp, runScore } from './score.js';
import { quboHelp, runQubo } from './qubo.js';
import { solveHelp, runSolve } from './solve.js';
import { refineHelp, runRefine } from './refine.js';
import { serveHelp, runServe } from './serve.js';
import { pruneHelp, runPrune } from './prune.js';
import { demoHelp, runDemo } from './demo.js';
import { experimentHelp, runExperiment } from './experiment.js';

interface Command {
  summary: string;
  help: string;
  run: (argv: string[]) => Promise<string>;
}

const commands: Record<string, Command> = {
  demo: { summary: 'every method on the bundled demo model: table + report (no NATS, no ../shared)', help: demoHelp, run: runDemo },
  eval: { summary: 'mean PSNR/SSIM and throughput of a denoiser on a dataset', help: evalHelp, run: runEval },
  experiment: { summary: 'methods x sparsities x models on held-out test sets: the comparison table', help: experimentHelp, run: runExperiment },
  export: { summary: 'write a model (optionally pruned) as an ONNX file', help: exportHelp, run: runExport },
  graph: { summary: 'list the channel groups that must be pruned together', help: graphHelp, run: runGraph },
  prune: { summary: 'the whole pipeline: score, solve, refine, remove filters; model + report', help: pruneHelp, run: runPrune },
  qubo: { summary: 'solve QUBO instance files with our samplers, or generate instances', help: quboHelp, run: runQubo },
  refine: { summary: 'improve a QUBO solution against the true PSNR (tensor-train optimiser)', help: refineHelp, run: runRefine },
  score: { summary: 'channel importance (L1, L2, Taylor, Fisher) and activation similarity', help: scoreHelp, run: runScore },
  serve: { summary: 'run a cluster service (solver, evaluator) against NATS', help: serveHelp, run: runServe },
  solve: { summary: 'scores -> which filters each group keeps (greedy, L1-QUBO or hybrid QUBO)', help: solveHelp, run: runSolve },
  surgery: { summary: 'physically prune a model with a keep file and save it', help: surgeryHelp, run: runSurgery },
  train: { summary: 'train a residual denoiser (DnCNN-style) on image patches', help: trainHelp, run: runTrain },
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
  const command = commands[name];
  try {
    if (!command) throw new QpruneError(`unknown command '${name}'\n${usage()}`);
    if (rest.includes('--help') || rest.includes('-h')) {
      await write(command.help, process.stdout);
      return 0;
    }
    await write(await command.run(rest), process.stdout);
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
