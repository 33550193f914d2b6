// Bringing an older config document up to the current format, one version step at a time. The
// document's own `version` field says where it is; conf runs the steps (keyed "N.0.0" for
// version N) and records how far it got, and every step checks the document's version first, so a
// step never runs twice on the same document. A step only reshapes: the schema checks the
// result, and a document that cannot be read is set aside by the caller, not half-migrated.

import { randomUUID } from 'node:crypto';
import type Conf from 'conf';
import { CONFIG_VERSION, defaultConnectionKind, legacyLlmFormat } from '../../common/config-schema.ts';

type Json = Record<string, unknown>;
type Step = (doc: Json) => Json;

/** The step that turns version N-1 into version N, at index N-1. */
const STEPS: Step[] = [version0To1, version1To2];

/** The document's format version: 0 before there was a `version` field. */
export function documentVersion(doc: Json): number {
  return typeof doc.version === 'number' ? doc.version : 0;
}

/** Every step from the document's version up to `target`. */
export function migrateDocument(doc: Json, target = CONFIG_VERSION): Json {
  let current = doc;
  for (let version = documentVersion(current); version < target; version++) {
    const step = STEPS[version];
    if (!step) throw new Error(`No migration from config version ${version}`);
    current = { ...step(current), version: version + 1 };
  }
  return current;
}

/** conf's `projectVersion` for the current format. */
export const PROJECT_VERSION = `${CONFIG_VERSION}.0.0`;

const INTERNAL_KEY = '__internal__';

/** The migrations in conf's form: "N.0.0" brings the document to version N. */
export function confMigrations(): Record<string, (store: Conf<Json>) => void> {
  const migrations: Record<string, (store: Conf<Json>) => void> = {};
  STEPS.forEach((_, index) => {
    const target = index + 1;
    migrations[`${target}.0.0`] = (store) => {
      const { [INTERNAL_KEY]: _internal, ...doc } = store.store;
      if (documentVersion(doc) >= target) return;
      // Without the internal key, conf keeps the one in the file (its migration record).
      store.store = migrateDocument(doc, target);
    };
  });
  return migrations;
}

/**
 * Version 0, the prototype's format: no `version` field; connections with a `headers` object
 * ({name: value}) and a top-level `retryOnHttpError` flag; one global `variables` object instead
 * of environments. Version 1 has header lists, reconnect settings, and named environments.
 */
function version0To1(doc: Json): Json {
  const connections = Array.isArray(doc.connections) ? doc.connections : [];
  const variables = isObject(doc.variables) ? doc.variables : null;
  const environment = variables
    ? { id: randomUUID(), name: 'Default', variables: Object.entries(variables).map(([name, value]) => ({ name, value })) }
    : null;
  return {
    connections: connections.map((old: unknown) => {
      if (!isObject(old)) return old; // the schema will say what is wrong with it
      const { headers, retryOnHttpError, ...rest } = old;
      return {
        ...rest,
        id: typeof old.id === 'string' && UUID.test(old.id) ? old.id : randomUUID(),
        headers: isObject(headers) ? Object.entries(headers).map(([name, value]) => ({ name, value, enabled: true })) : headers,
        reconnect: { retryHttpErrors: retryOnHttpError === true },
      };
    }),
    environments: environment ? [environment] : [],
    activeEnvironmentId: environment ? environment.id : null,
    settings: {},
  };
}

/**
 * Version 2 tells requests from feeds. Every saved connection gets a `kind` by the rule new
 * connections follow (defaultConnectionKind): one with a body, or a method other than GET, becomes
 * a `request` (sent once, never again by a reconnect); a GET without a body stays a `feed`, and so
 * does a monitored connection whatever its method (it was saved to be watched and reconnected
 * forever). Every other field (monitor, auth, alerts...) is kept as it was. Its `llmFormat` becomes
 * the format setting: 'openai' -> 'openai-chat', 'anthropic' and 'gemini' as they were, null -> 'auto'.
 */
function version1To2(doc: Json): Json {
  if (!Array.isArray(doc.connections)) return doc; // the schema will say what is wrong with it
  return {
    ...doc,
    connections: doc.connections.map((old: unknown) => {
      if (!isObject(old)) return old;
      const method = typeof old.method === 'string' ? old.method : undefined;
      const body = typeof old.body === 'string' ? old.body : undefined;
      const kind = old.monitor === true ? 'feed' : defaultConnectionKind(method, body);
      return { ...old, kind, llmFormat: legacyLlmFormat(old.llmFormat ?? null) };
    }),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
