/** The `qprune` command line: dispatches to one module per command, loaded only when that command runs. */
import { QpruneError } from '../errors.js';
import type { Command } from './command.js';

// Each command is its own module, loaded only when it runs: `qprune serve solver` must not load tfjs,
// onnxruntime and every other command's imports.
const NAMES: string[] = ['demo', 'eval', 'experiment', 'export', 'graph', 'prune', 'qubo', 'refine', 'score', 'serve', 'solve', 'surgery', 'train'];

function load(name: string): Promise<Command> {
  return import(`./${name}.js`).then((m: { command: Command }) => m.command);
}

async function usage(): Promise<string> {
  const width = Math.max(...NAMES.map((c) => c.length));
  const commands = await Promise.all(NAMES.map(load));
  return [
    'usage: qprune <command> [options]    (qprune <command> --help for its options)',
    '',
    'commands:',
    ...NAMES.map((name, i) => `  ${name.padEnd(width)}  ${commands[i].summary}`),
  ].join('\n');
}

async function write(text: string, stream: NodeJS.WriteStream): Promise<void> {
  if (!text) return;
  await new Promise<void>((resolve) => stream.write(text.endsWith('\n') ? text : text + '\n', () => resolve()));
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    await write(await usage(), process.stdout);
    return name ? 0 : 2;
  }
  try {
    if (!NAMES.includes(name)) throw new QpruneError(`unknown command '${name}'\n${await usage()}`);
    const mod = await load(name);
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
