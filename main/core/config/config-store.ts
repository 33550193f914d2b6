// The saved configuration as the app uses it: one ConfigStore per data folder, holding the
// validated document in memory and writing every change through to config.json at once. The list
// operations live in connection-list.ts and environment-list.ts; this class opens the file,
// applies the secret policy, and commits. Results are copies: editing one changes nothing saved.

import { buildCollection, parseCollection, type ExportOptions } from './collection-file.ts';
import { openConfigFile, type ConfigFile } from './config-file.ts';
import * as connections from './connection-list.ts';
import type { ConfigNotice } from './corrupt-file.ts';
import * as environments from './environment-list.ts';
import { indexOfId } from './list-helpers.ts';
import { invalid } from './problems.ts';
import {
  ConfigDocumentSchema,
  SettingsSchema,
  type ConfigDocument,
  type Environment,
  type SavedConnection,
  type Settings,
  type StoredValue,
} from '../../common/config-schema.ts';
import { connectionValues, mapConnectionValues, mapVariableValues, type SecretCipher, type SecretPolicy } from './secrets.ts';
import { resolveConnection, type Resolved } from './variables.ts';

export interface OpenOptions {
  /** For the timestamp of a file set aside; injectable for tests. */
  now?: () => Date;
}

export interface SecretsStatus {
  /** An OS keychain encrypts secrets. */
  encrypted: boolean;
  backendName: string;
  /** The user agreed to keep secrets as plain text where there is no keychain. */
  storeSecretsUnencrypted: boolean;
}

export interface ImportReport {
  connections: SavedConnection[];
  environments: Environment[];
  /** Items whose name was taken, and the name they got. */
  renamed: { from: string; to: string }[];
  /** Secret values the file left out: they must be entered again. */
  secretsOmitted: number;
}

export class ConfigStore {
  readonly #file: ConfigFile;
  readonly #cipher: SecretCipher;
  #doc: ConfigDocument;

  private constructor(file: ConfigFile, doc: ConfigDocument, cipher: SecretCipher) {
    this.#file = file;
    this.#doc = doc;
    this.#cipher = cipher;
  }

  /** Opens (or creates) the config in `dataDir`. `notices` are for the user: show them. */
  static open(dataDir: string, cipher: SecretCipher, options: OpenOptions = {}): { store: ConfigStore; notices: ConfigNotice[] } {
    const { file, doc, notices } = openConfigFile(dataDir, options.now ?? (() => new Date()));
    const store = new ConfigStore(file, doc, cipher);
    if (cipher.isAvailable()) {
      // A keychain has appeared since secrets were saved unencrypted: encrypt them now.
      const sealed = reseal(doc, cipher, true);
      if (sealed.changed) store.#commit(sealed.doc);
    } else {
      const notice = keychainNotice(doc, cipher);
      if (notice) notices.push(notice);
    }
    return { store, notices };
  }

  get path(): string {
    return this.#file.path;
  }

  // ---- Connections ----

  listConnections(): SavedConnection[] {
    return structuredClone(this.#doc.connections);
  }

  getConnection(id: string): SavedConnection {
    return structuredClone(this.#doc.connections[indexOfId(this.#doc.connections, id, 'connection')]!);
  }

  /** A taken name gets a suffix ("Feed (2)"). Secret values ({secret: true, value}) are encrypted. */
  createConnection(input: unknown): SavedConnection {
    return this.#commitConnection(connections.createConnection(this.#doc, input, this.#policy()));
  }

  /** Changes the given fields; see mergeEdit for how nested settings merge. */
  updateConnection(id: string, edit: unknown): SavedConnection {
    return this.#commitConnection(connections.updateConnection(this.#doc, id, edit, this.#policy()));
  }

  renameConnection(id: string, name: string): SavedConnection {
    return this.#commitConnection(connections.renameConnection(this.#doc, id, name, this.#policy()));
  }

  duplicateConnection(id: string): SavedConnection {
    return this.#commitConnection(connections.duplicateConnection(this.#doc, id));
  }

  deleteConnection(id: string): void {
    this.#commit(connections.deleteConnection(this.#doc, id));
  }

  /** `ids`: every connection id, in the new order. */
  reorderConnections(ids: readonly string[]): void {
    this.#commit(connections.reorderConnections(this.#doc, ids));
  }

  // ---- Environments ----

  listEnvironments(): Environment[] {
    return structuredClone(this.#doc.environments);
  }

  getEnvironment(id: string): Environment {
    return structuredClone(this.#doc.environments[indexOfId(this.#doc.environments, id, 'environment')]!);
  }

  createEnvironment(input: unknown): Environment {
    return this.#commitEnvironment(environments.createEnvironment(this.#doc, input, this.#policy()));
  }

  updateEnvironment(id: string, edit: unknown): Environment {
    return this.#commitEnvironment(environments.updateEnvironment(this.#doc, id, edit, this.#policy()));
  }

  deleteEnvironment(id: string): void {
    this.#commit(environments.deleteEnvironment(this.#doc, id));
  }

  /** `null`: no environment. */
  setActiveEnvironment(id: string | null): void {
    this.#commit(environments.setActiveEnvironment(this.#doc, id));
  }

  getActiveEnvironment(): Environment | null {
    const active = this.#doc.environments.find((env) => env.id === this.#doc.activeEnvironmentId);
    return active ? structuredClone(active) : null;
  }

  // ---- Settings and secrets ----

  getSettings(): Settings {
    return { ...this.#doc.settings };
  }

  /**
   * Withdrawing consent to unencrypted secrets encrypts them if a keychain exists, and otherwise
   * removes them from the file (they must be entered again); `secretsRemoved` counts those.
   */
  updateSettings(edit: Partial<Settings>): { settings: Settings; secretsRemoved: number } {
    const parsed = SettingsSchema.safeParse({ ...this.#doc.settings, ...edit });
    if (!parsed.success) throw invalid('The settings are not valid:', parsed.error);
    const next = reseal({ ...this.#doc, settings: parsed.data }, this.#cipher, parsed.data.storeSecretsUnencrypted);
    this.#commit(next.doc);
    return { settings: this.getSettings(), secretsRemoved: next.removed };
  }

  secretsStatus(): SecretsStatus {
    return {
      encrypted: this.#cipher.isAvailable(),
      backendName: this.#cipher.backendName,
      storeSecretsUnencrypted: this.#doc.settings.storeSecretsUnencrypted,
    };
  }

  // ---- Use ----

  /**
   * The request to send for a connection, with the active environment's variables (or those of
   * `environmentId`) applied and secrets decrypted. Throws ResolveError listing every problem.
   */
  resolve(connectionId: string, environmentId?: string | null): Resolved {
    const connection = this.#doc.connections[indexOfId(this.#doc.connections, connectionId, 'connection')]!;
    const environment =
      environmentId === undefined
        ? this.getActiveEnvironment()
        : environmentId === null
          ? null
          : this.#doc.environments[indexOfId(this.#doc.environments, environmentId, 'environment')]!;
    return resolveConnection(connection, environment, this.#cipher);
  }

  /** The collection file's text: all connections and environments, or those with the given ids. */
  exportCollection(options: ExportOptions & { connectionIds?: string[]; environmentIds?: string[] } = {}): string {
    const pick = <T extends { id: string }>(items: T[], ids?: string[]) => (ids ? items.filter((item) => ids.includes(item.id)) : items);
    return buildCollection(
      pick(this.#doc.connections, options.connectionIds),
      pick(this.#doc.environments, options.environmentIds),
      this.#cipher,
      options,
    );
  }

  /** Adds everything in a collection file (new ids, free names), or nothing if any of it is bad. */
  importCollection(text: string): ImportReport {
    const collection = parseCollection(text);
    const report: ImportReport = { connections: [], environments: [], renamed: [], secretsOmitted: 0 };
    let doc = this.#doc;
    const countOmitted = (value: StoredValue) => {
      if (typeof value !== 'string' && 'omitted' in value) report.secretsOmitted++;
    };
    for (const input of collection.connections) {
      const change = connections.createConnection(doc, input, this.#policy());
      doc = change.doc;
      report.connections.push(change.connection);
      if (change.connection.name !== input.name) report.renamed.push({ from: input.name, to: change.connection.name });
      connectionValues(change.connection).forEach(countOmitted);
    }
    for (const input of collection.environments) {
      const change = environments.createEnvironment(doc, input, this.#policy());
      doc = change.doc;
      report.environments.push(change.environment);
      if (change.environment.name !== input.name) report.renamed.push({ from: input.name, to: change.environment.name });
      change.environment.variables.forEach((variable) => countOmitted(variable.value));
    }
    this.#commit(doc);
    return structuredClone(report);
  }

  // ---- Internals ----

  #policy(): SecretPolicy {
    return { cipher: this.#cipher, storeSecretsUnencrypted: this.#doc.settings.storeSecretsUnencrypted };
  }

  /** Validates the whole document, writes it, then makes it current. */
  #commit(next: ConfigDocument): void {
    const parsed = ConfigDocumentSchema.safeParse(next);
    if (!parsed.success) throw invalid('The change would leave the configuration invalid:', parsed.error);
    this.#file.write(parsed.data);
    this.#doc = parsed.data;
  }

  #commitConnection(change: connections.ConnectionChange): SavedConnection {
    this.#commit(change.doc);
    return this.getConnection(change.connection.id);
  }

  #commitEnvironment(change: environments.EnvironmentChange): Environment {
    this.#commit(change.doc);
    return this.getEnvironment(change.environment.id);
  }
}

/**
 * Secrets stored unencrypted are encrypted when a keychain is available; without one they stay
 * only while `allowPlain` (the user's consent) holds, and are otherwise removed.
 */
function reseal(
  doc: ConfigDocument,
  cipher: SecretCipher,
  allowPlain: boolean,
): { doc: ConfigDocument; changed: boolean; removed: number } {
  let changed = false;
  let removed = 0;
  const fix = (value: StoredValue): StoredValue => {
    if (typeof value === 'string' || !('unencrypted' in value)) return value;
    if (cipher.isAvailable()) {
      changed = true;
      return { secret: true, enc: cipher.encrypt(value.unencrypted) };
    }
    if (allowPlain) return value;
    changed = true;
    removed++;
    return { secret: true, omitted: true };
  };
  const next: ConfigDocument = {
    ...doc,
    connections: doc.connections.map((connection) => mapConnectionValues(connection, fix)),
    environments: doc.environments.map((environment) => mapVariableValues(environment, fix)),
  };
  return { doc: changed ? next : doc, changed, removed };
}

/** Says plainly that there is no keychain, when that matters to this user. */
function keychainNotice(doc: ConfigDocument, cipher: SecretCipher): ConfigNotice | null {
  let locked = 0;
  const count = (value: StoredValue) => {
    if (typeof value !== 'string' && 'enc' in value) locked++;
  };
  doc.connections.forEach((connection) => connectionValues(connection).forEach(count));
  doc.environments.forEach((environment) => environment.variables.forEach((variable) => count(variable.value)));
  if (locked === 0 && doc.settings.storeSecretsUnencrypted) return null;
  const parts = [`No OS keychain is available to encrypt secrets (backend: ${cipher.backendName}).`];
  if (locked > 0)
    parts.push(`${locked} saved secret value(s) were encrypted with a keychain and cannot be used until it is available again.`);
  if (!doc.settings.storeSecretsUnencrypted) parts.push('New secrets can only be saved if you allow storing them unencrypted in Settings.');
  return { kind: 'secrets-unavailable', message: parts.join(' ') };
}
