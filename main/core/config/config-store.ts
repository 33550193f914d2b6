// The saved configuration as the app uses it: one ConfigStore per data folder, holding the
// validated document in memory and writing every change through to config.json. A change applies
// in memory at once (the next call sees it) and its promise resolves once it is on disk; changes
// made while a write runs share the next write (config-file.ts). A write that fails rejects the
// promises of the changes it carried; they stay in memory and are written with the next change
// (or by flush() when the app stops). The list operations live in connection-list.ts and
// environment-list.ts; this class opens the file, applies the secret policy, and commits. Results
// are copies: editing one changes nothing saved.

import { buildCollection, parseCollection, type ExportOptions } from './collection-file.ts';
import { openConfigFile, type ConfigFile } from './config-file.ts';
import type { ImportDraft } from './import-draft.ts';
import * as connections from './connection-list.ts';
import type { ConfigNotice } from './corrupt-file.ts';
import * as environments from './environment-list.ts';
import { indexOfId } from './list-helpers.ts';
import { ConfigError, invalid } from './problems.ts';
import {
  SettingsSchema,
  type ConfigDocument,
  type Environment,
  type SavedConnection,
  type Settings,
  type StoredValue,
} from '../../common/config-schema.ts';
import { connectionValues, mapConnectionValues, mapVariableValues, type SecretCipher, type SecretPolicy } from './secrets.ts';
import { resolveConnection, type Resolved } from './variables.ts';
import { messageOf } from '../../common/error-message.ts';

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
  /** The environment the draft's `addVariables` went into, as it is after the import. */
  updatedEnvironment: Environment | null;
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
      // A keychain has appeared since secrets were saved unencrypted: encrypt them now, before
      // anything else runs, so the plain text does not stay on disk a moment longer.
      const sealed = reseal(doc, cipher, true);
      if (sealed.changed) {
        file.replaceWhileOpening(sealed.doc);
        store.#doc = sealed.doc;
      }
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
  async createConnection(input: unknown): Promise<SavedConnection> {
    return this.#commitConnection(connections.createConnection(this.#doc, input, this.#policy()));
  }

  /** Changes the given fields; see mergeEdit for how nested settings merge. */
  async updateConnection(id: string, edit: unknown): Promise<SavedConnection> {
    return this.#commitConnection(connections.updateConnection(this.#doc, id, edit, this.#policy()));
  }

  async renameConnection(id: string, name: string): Promise<SavedConnection> {
    return this.#commitConnection(connections.renameConnection(this.#doc, id, name, this.#policy()));
  }

  async duplicateConnection(id: string): Promise<SavedConnection> {
    return this.#commitConnection(connections.duplicateConnection(this.#doc, id));
  }

  async deleteConnection(id: string): Promise<void> {
    return this.#commit(connections.deleteConnection(this.#doc, id));
  }

  /** `ids`: every connection id, in the new order. */
  async reorderConnections(ids: readonly string[]): Promise<void> {
    return this.#commit(connections.reorderConnections(this.#doc, ids));
  }

  // ---- Environments ----

  listEnvironments(): Environment[] {
    return structuredClone(this.#doc.environments);
  }

  getEnvironment(id: string): Environment {
    return structuredClone(this.#doc.environments[indexOfId(this.#doc.environments, id, 'environment')]!);
  }

  async createEnvironment(input: unknown): Promise<Environment> {
    return this.#commitEnvironment(environments.createEnvironment(this.#doc, input, this.#policy()));
  }

  async updateEnvironment(id: string, edit: unknown): Promise<Environment> {
    return this.#commitEnvironment(environments.updateEnvironment(this.#doc, id, edit, this.#policy()));
  }

  async deleteEnvironment(id: string): Promise<void> {
    return this.#commit(environments.deleteEnvironment(this.#doc, id));
  }

  /** `null`: no environment. */
  async setActiveEnvironment(id: string | null): Promise<void> {
    return this.#commit(environments.setActiveEnvironment(this.#doc, id));
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
  async updateSettings(edit: Partial<Settings>): Promise<{ settings: Settings; secretsRemoved: number }> {
    const parsed = SettingsSchema.safeParse({ ...this.#doc.settings, ...edit });
    if (!parsed.success) throw invalid('The settings are not valid:', parsed.error);
    const next = reseal({ ...this.#doc, settings: parsed.data }, this.#cipher, parsed.data.storeSecretsUnencrypted);
    const saved = this.#commit(next.doc);
    const settings = this.getSettings();
    await saved;
    return { settings, secretsRemoved: next.removed };
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
  async importCollection(text: string): Promise<ImportReport> {
    return this.importDraft({ ...parseCollection(text), warnings: [] });
  }

  /** What importing the draft would create, with the names it would get; saves nothing. Throws what the import would. */
  previewImport(draft: ImportDraft): ImportReport {
    return structuredClone(this.#applyImport(draft).report);
  }

  /** Adds everything in the draft (new ids, free names), or nothing if any of it is bad; in one write. */
  async importDraft(draft: ImportDraft): Promise<ImportReport> {
    const { report, saved } = this.applyImport(draft);
    await saved;
    return report;
  }

  /**
   * importDraft in two parts, for a caller with more to undo if the draft is refused: throws at once
   * (nothing changed) if any of it is bad; otherwise the change is made now and `saved` resolves
   * once it is on disk (and rejects as every change does when the write fails).
   */
  applyImport(draft: ImportDraft): { report: ImportReport; saved: Promise<void> } {
    const { doc, report } = this.#applyImport(draft);
    return { report: structuredClone(report), saved: this.#commit(doc) };
  }

  /** The document with the draft added, and what was added; the current document is left as it is. */
  #applyImport(draft: ImportDraft): { doc: ConfigDocument; report: ImportReport } {
    const report: ImportReport = { connections: [], environments: [], updatedEnvironment: null, renamed: [], secretsOmitted: 0 };
    let doc = this.#doc;
    const countOmitted = (value: StoredValue) => {
      if (typeof value !== 'string' && 'omitted' in value) report.secretsOmitted++;
    };
    for (const input of draft.connections) {
      const change = connections.createConnection(doc, input, this.#policy());
      doc = change.doc;
      report.connections.push(change.connection);
      if (change.connection.name !== input.name) report.renamed.push({ from: input.name, to: change.connection.name });
      connectionValues(change.connection).forEach(countOmitted);
    }
    for (const input of draft.environments) {
      const change = environments.createEnvironment(doc, input, this.#policy());
      doc = change.doc;
      report.environments.push(change.environment);
      if (change.environment.name !== input.name) report.renamed.push({ from: input.name, to: change.environment.name });
      change.environment.variables.forEach((variable) => countOmitted(variable.value));
    }
    if (draft.addVariables) {
      const { environmentId, variables } = draft.addVariables;
      const current = doc.environments[indexOfId(doc.environments, environmentId, 'environment')]!;
      // A name the environment has already is refused by its schema ("defined twice").
      const change = environments.updateEnvironment(
        doc,
        environmentId,
        { variables: [...current.variables, ...variables] },
        this.#policy(),
      );
      doc = change.doc;
      report.updatedEnvironment = change.environment;
    }
    return { doc, report };
  }

  // ---- Internals ----

  #policy(): SecretPolicy {
    return { cipher: this.#cipher, storeSecretsUnencrypted: this.#doc.settings.storeSecretsUnencrypted };
  }

  /** Waits for the writes under way, and writes again what a failed write left unsaved; rejects if it still cannot. */
  flush(): Promise<void> {
    return this.#file.flush();
  }

  /**
   * Makes the document current and writes it; resolves once it is on disk. The list operations
   * have validated the change (each item, and the names and ids it must not clash with); the
   * file checks the rules that span the document once per write, as a last net.
   */
  #commit(next: ConfigDocument): Promise<void> {
    this.#doc = next;
    return this.#file.write(next).catch((error: unknown) => {
      throw new ConfigError(
        `The configuration could not be written to ${this.#file.path}: ${messageOf(error)}. ` +
          'The change is kept while SSE Scope runs and is written again with the next change.',
      );
    });
  }

  /** Commits; the result is taken when the change is made, and handed back once it is on disk. */
  async #commitConnection(change: connections.ConnectionChange): Promise<SavedConnection> {
    const saved = this.#commit(change.doc);
    const connection = this.getConnection(change.connection.id);
    await saved;
    return connection;
  }

  async #commitEnvironment(change: environments.EnvironmentChange): Promise<Environment> {
    const saved = this.#commit(change.doc);
    const environment = this.getEnvironment(change.environment.id);
    await saved;
    return environment;
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
