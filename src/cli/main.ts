/** The `qprune` command line: dispatches to one module per command, loaded only when that command runs. */
import { QpruneError } from '../errors.js';
import type { Command } from './command.js';
import { suggest } from './args.js';
import { readFileSync } from 'node:fs';

// Each command is its own module, loaded only when it runs: `qprune serve solver` must not load tfjs,
// onnxruntime and every other command's imports.
const NAMES: string[] = ['cluster-keys', 'demo', 'eval', 'experiment', 'export', 'graph', 'prune', 'qubo', 'refine', 'runs', 'score', 'serve', 'solve', 'surgery', 'train'];

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

/** Where the CLI writes: the process's streams, or a test's buffers. */
export interface CliStreams {
  stdout: Pick<NodeJS.WritableStream, 'write'>;
  stderr: Pick<NodeJS.WritableStream, 'write'>;
}

async function write(text: string, stream: CliStreams['stdout']): Promise<void> {
  if (!text) return;
  await new Promise<void>((resolve) => stream.write(text.endsWith('\n') ? text : text + '\n', () => resolve()));
}

/**
 * A message as the CLI prints it: one line (line breaks become '; '), no dangling colon at the end,
 * control bytes (from a binary file quoted in a message) written as \xNN so a terminal shows them as text.
 */
export function printable(message: string): string {
  return escapeControl(message.split('\n').map((s) => s.trim()).filter(Boolean).join('; ').replace(/[\s:;]+$/, ''));
}

function escapeControl(message: string): string {
  return message.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

export function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

export async function main(argv: string[], io: CliStreams = process): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    await write(await usage(), io.stdout);
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-V') {
    await write(`qprune ${version()}`, io.stdout);
    return 0;
  }
  try {
    if (!NAMES.includes(name)) {
      const near = suggest(name.replace(/^-+/, ''), NAMES);
      throw new QpruneError(`unknown command '${name}'${near ? ` (did you mean '${near}'?)` : ''}; qprune --help lists the commands`);
    }
    const mod = await load(name);
    if (rest.includes('--help') || rest.includes('-h')) {
      await write(mod.help, io.stdout);
      return 0;
    }
    await write(await mod.run(rest), io.stdout);
    return 0;
  } catch (err) {
    if (err instanceof QpruneError) {
      await write(`qprune: error: ${printable(err.message)}`, io.stderr);
      return err.exitCode;
    }
    await write(`qprune: internal error: ${escapeControl((err as Error)?.stack ?? String(err))}`, io.stderr);
    return 1;
  }
}

// Run when executed directly (bin/qprune.js imports this module and calls main itself).
export async function runCli(): Promise<never> {
  const code = await main(process.argv.slice(2));
  process.exit(code);
}
