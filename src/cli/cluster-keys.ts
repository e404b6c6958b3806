/** `qprune cluster-keys`: one nkey per cluster role and the nats-server authorization block that grants each only its subjects. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from './command.js';
import { parse, required } from './args.js';
import { QpruneError } from '../errors.js';
import { ROLES, writeClusterKeys, type Role } from '../cluster/permissions.js';

export const clusterKeysHelp = `usage: qprune cluster-keys --out DIR [--namespace NS] [--roles coordinator,solver,evaluator,scorer] [--force]

Writes DIR/<role>.nk, an nkey seed per role (mode 0600: give each machine only its roles' seeds, as
NATS_NKEY=DIR/<role>.nk), and DIR/users.conf, the nats-server authorization block with the public keys
and each role's permissions (deploy/nats-single.conf includes deploy/keys/users.conf): solvers,
evaluators and scorers take and answer only their own kind of job and cannot manage streams or read the
run KV; coordinators manage the namespace. See deploy/README.md.
  --namespace NS    stream/subject prefix the permissions name (default qprune)
  --force           replace existing keys`;

export async function runClusterKeys(argv: string[]): Promise<string> {
  const { values } = parse(argv, { out: { type: 'string' }, namespace: { type: 'string' }, roles: { type: 'string' }, force: { type: 'boolean' } });
  const out = required(values.out, 'out');
  const roles = (values.roles ?? ROLES.join(',')).split(',').map((r) => r.trim()).filter(Boolean);
  for (const r of roles) if (!(ROLES as readonly string[]).includes(r)) throw new QpruneError(`--roles: unknown role '${r}' (${ROLES.join(', ')})`);
  if (existsSync(path.join(out, 'users.conf')) && !values.force) throw new QpruneError(`${out}/users.conf exists (use --force to replace the keys)`);
  const keys = writeClusterKeys(out, values.namespace ?? 'qprune', roles as Role[]);
  return `wrote ${[...keys.keys()].map((r) => `${out}/${r}.nk`).join(', ')} and ${out}/users.conf`;
}

export const command: Command = { summary: 'nkeys per cluster role and the NATS permissions that confine each role', help: clusterKeysHelp, run: runClusterKeys };
