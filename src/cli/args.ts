/** Small helpers over node:util parseArgs that turn bad options into one-line user errors. */
import { parseArgs, ParseArgsConfig } from 'node:util';
import { QpruneError } from '../errors.js';

type Options = NonNullable<ParseArgsConfig['options']>;
export type Parsed<T extends Options> = ReturnType<typeof parseArgs<{ args: string[]; options: T; strict: true; allowPositionals: false }>>;

export function parse<T extends Options>(argv: string[], options: T): Parsed<T> {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false });
  } catch (err) {
    throw new QpruneError((err as Error).message.split('\n')[0]);
  }
}

export function intOption(value: string | undefined, name: string, { min = -Infinity, fallback }: { min?: number; fallback?: number } = {}): number | undefined {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new QpruneError(`--${name} must be an integer${min > -Infinity ? ` >= ${min}` : ''}, got '${value}'`);
  return n;
}

/** A flag that must be one of `choices` (the fallback when absent); anything else is named. */
export function choiceOption<C extends string>(value: string | undefined, name: string, choices: readonly C[], fallback: C): C {
  if (value === undefined) return fallback;
  if (!(choices as readonly string[]).includes(value)) throw new QpruneError(`--${name} must be one of ${choices.join(', ')}, got '${value}'`);
  return value as C;
}

export function required(value: string | undefined, name: string): string {
  if (value === undefined || value === '') throw new QpruneError(`--${name} is required`);
  return value;
}

/** `--weights a=1,b=0.5` as { a: 1, b: 0.5 } (which names a method takes is checked by the job). */
export function weightsOption(value: string | undefined): Record<string, number> | undefined {
  if (value === undefined) return undefined;
  const out: Record<string, number> = {};
  for (const part of value.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^([A-Za-z][A-Za-z0-9]*)=(.+)$/.exec(part);
    const v = m ? Number(m[2]) : NaN;
    if (!m || !Number.isFinite(v)) throw new QpruneError(`--weights must be NAME=NUMBER,..., got '${part}'`);
    out[m[1]] = v;
  }
  return out;
}
