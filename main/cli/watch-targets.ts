// The feeds `sse-scope watch` runs, from its arguments: one collection file (our own format, as the
// app exports it), or the names of connections saved in the data folder's config (read without
// changing it: the app may be running). Each becomes the saved connection and the request it
// resolves to, variables applied from an environment (--env, or the app's active one for saved
// connections, or a collection's only one). There is no OS keychain here: a secret the app
// encrypted cannot be read, and the message says what to do instead.

import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import {
  defaultConnectionKind,
  type Environment,
  type PortableConnection,
  type PortableEnvironment,
  type SavedConnection,
  type StoredValue,
} from '../common/config-schema.ts';
import { CollectionImportError, parseCollection } from '../core/config/collection-file.ts';
import { readConfigDocument } from '../core/config/config-document.ts';
import { ConfigError } from '../core/config/problems.ts';
import { mapConnectionValues, noKeychainCipher } from '../core/config/secrets.ts';
import { ResolveError, resolveConnection, type Resolved } from '../core/config/variables.ts';
import { UsageError } from './command-exit.ts';

export interface WatchTarget {
  connection: SavedConnection;
  resolved: Resolved;
}

export interface TargetOptions {
  /** The data folder holding config.json (saved connections). */
  dataDir: string;
  /** --env: the environment to take variables from. */
  environment?: string;
}

export function resolveWatchTargets(args: readonly string[], options: TargetOptions): WatchTarget[] {
  if (args.length === 1 && isFile(args[0]!)) return collectionTargets(args[0]!, options.environment);
  return savedTargets(args, options);
}

function collectionTargets(path: string, environmentName: string | undefined): WatchTarget[] {
  let collection;
  try {
    collection = parseCollection(readFileSync(path, 'utf8'));
  } catch (error) {
    if (error instanceof CollectionImportError) throw new UsageError(`${path}: ${error.message}`);
    throw new UsageError(`cannot read '${path}' (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  if (collection.connections.length === 0) throw new UsageError(`${path} has no connections to watch`);
  const environments = collection.environments.map(fromPortableEnvironment);
  const environment =
    environmentName !== undefined ? pick(environments, environmentName, path) : environments.length === 1 ? environments[0]! : null;
  return collection.connections.map((portable) => resolveTarget(fromPortableConnection(portable), environment));
}

function savedTargets(names: readonly string[], options: TargetOptions): WatchTarget[] {
  let doc;
  try {
    doc = readConfigDocument(options.dataDir);
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
  const connections = doc?.connections ?? [];
  const environment =
    options.environment !== undefined
      ? pick(doc?.environments ?? [], options.environment, options.dataDir)
      : (doc?.environments.find((env) => env.id === doc.activeEnvironmentId) ?? null);
  const unknown = names.filter((name) => !connections.some((connection) => connection.name === name));
  if (unknown.length > 0) {
    const known = connections.length > 0 ? `saved connections: ${connections.map((c) => `'${c.name}'`).join(', ')}` : 'none is saved';
    const what = unknown.length === 1 && names.length === 1 ? 'no collection file or saved connection' : 'no saved connection';
    throw new UsageError(`${what} named ${unknown.map((name) => `'${name}'`).join(', ')} in ${options.dataDir} (${known})`);
  }
  const chosen = [...new Set(names)].map((name) => connections.find((connection) => connection.name === name)!);
  return chosen.map((connection) => resolveTarget(connection, environment));
}

function resolveTarget(connection: SavedConnection, environment: Environment | null): WatchTarget {
  try {
    return { connection, resolved: resolveConnection(connection, environment, noKeychainCipher()) };
  } catch (error) {
    if (!(error instanceof ResolveError)) throw error;
    const hint = error.problems.some((problem) => /keychain/.test(problem))
      ? ' (the command line has no keychain: export the connection from the app with its secrets, and watch that collection file)'
      : error.problems.some((problem) => /Unknown variable/.test(problem))
        ? ' (choose the environment with --env NAME)'
        : '';
    throw new UsageError(`${error.message}${hint}`);
  }
}

function pick(environments: readonly Environment[], name: string, where: string): Environment {
  const found = environments.find((environment) => environment.name === name);
  if (found) return found;
  const known = environments.length > 0 ? environments.map((env) => `'${env.name}'`).join(', ') : 'none';
  throw new UsageError(`--env: no environment '${name}' in ${where} (environments: ${known})`);
}

/** A collection's connection as a saved one: ids derived from its name, so they stay the same from run to run. */
function fromPortableConnection(portable: PortableConnection): SavedConnection {
  const id = nameBasedId(`connection:${portable.name}`);
  return {
    ...mapConnectionValues(portable, storedForm),
    id,
    kind: portable.kind ?? defaultConnectionKind(portable.method, portable.body),
    alerts: portable.alerts.map((rule, index) => ({ ...rule, id: rule.id ?? nameBasedId(`${id}:alert:${index}`) })),
  };
}

function fromPortableEnvironment(portable: PortableEnvironment): Environment {
  return {
    ...portable,
    id: nameBasedId(`environment:${portable.name}`),
    variables: portable.variables.map((variable) => ({ ...variable, value: storedForm(variable.value) })),
  };
}

/** A secret written out in a collection is held in memory as an unencrypted one; it is never saved. */
function storedForm(value: PortableConnection['headers'][number]['value']): StoredValue {
  return typeof value !== 'string' && 'value' in value ? { secret: true, unencrypted: value.value } : value;
}

/** A UUID-shaped id from a hash of `key`. */
function nameBasedId(key: string): string {
  const hex = createHash('sha256').update(`sse-scope-watch:${key}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
