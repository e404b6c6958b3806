/** What every command module exports as `command`. */
export interface Command {
  /** One line for `qprune --help`. */
  summary: string;
  /** The full `qprune <command> --help` text. */
  help: string;
  run: (argv: string[]) => Promise<string>;
}
