// The shape of everything SSE Scope saves: connections, environments, settings, and the versioned
// config document that holds them. Types are inferred from these zod schemas. Defaults follow the
// engine's own defaults, so a saved connection with nothing set behaves like a bare Session.

import { z } from 'zod';
import { AlertSeveritySchema } from './alert-schema.ts';
import { DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_LIMIT_BYTES, DEFAULT_MAX_CAPTURE_MB, MAX_LIMIT_BYTES } from './engine-defaults.ts';
import type { LlmFormatSetting } from './llm-answer.ts';
import { formatSetting, parseLlmFormat } from './llm-format.ts';
import { CONNECTION_KINDS } from './connection-kind.ts';
import { parseQuery } from './query-parser.ts';
import { DEFAULT_RECONNECT } from './reconnect-policy.ts';
import { normalizeFolderPath } from './folder-path.ts';
import { isUrlTemplate, VARIABLE_NAME } from './template-variables.ts';
import { formatBytes, formatCount } from './number-format.ts';

export { isUrlTemplate, VARIABLE_NAME, VARIABLE_PATTERN } from './template-variables.ts';

/** The config document's format version; migrations.ts brings older documents up to it. */
export const CONFIG_VERSION = 2;

// ---- Secret values. A header or variable value is a plain string or one of these objects. ----

/** A secret as typed (input, or a collection exported with secrets). Never written to config. */
export const PlainSecretSchema = z.strictObject({ secret: z.literal(true), value: z.string() });
/** Encrypted by the SecretCipher (the OS keychain): base64. */
export const EncryptedSecretSchema = z.strictObject({ secret: z.literal(true), enc: z.string().min(1) });
/** Kept as plain text: there is no keychain and the user agreed (settings.storeSecretsUnencrypted). */
export const UnencryptedSecretSchema = z.strictObject({ secret: z.literal(true), unencrypted: z.string() });
/** Left out of an export: must be entered again before the connection can start. */
export const OmittedSecretSchema = z.strictObject({ secret: z.literal(true), omitted: z.literal(true) });

const valueError = 'Expected text or a secret such as {"secret": true, "value": "..."}';
/** What the config file holds. */
const StoredValueSchema = z.union([z.string(), EncryptedSecretSchema, UnencryptedSecretSchema, OmittedSecretSchema], {
  error: valueError,
});
/** What create/update accept: a new secret as typed, or a stored one handed back unchanged. */
const InputValueSchema = z.union([z.string(), PlainSecretSchema, EncryptedSecretSchema, UnencryptedSecretSchema, OmittedSecretSchema], {
  error: valueError,
});
/** What a collection file may hold: a keychain's ciphertext is useless on another machine. */
const PortableValueSchema = z.union([z.string(), PlainSecretSchema, OmittedSecretSchema], { error: valueError });

export type PlainSecret = z.infer<typeof PlainSecretSchema>;
export type EncryptedSecret = z.infer<typeof EncryptedSecretSchema>;
export type UnencryptedSecret = z.infer<typeof UnencryptedSecretSchema>;
export type OmittedSecret = z.infer<typeof OmittedSecretSchema>;
export type StoredValue = z.infer<typeof StoredValueSchema>;
export type InputValue = z.infer<typeof InputValueSchema>;
export type SecretValue = Exclude<InputValue, string>;

// ---- Connection parts. ----

const Milliseconds = z
  .int()
  .min(0)
  .max(2 ** 31 - 1);

export const ReconnectSchema = z.object({
  enabled: z.boolean().default(DEFAULT_RECONNECT.enabled),
  initialDelayMs: Milliseconds.default(DEFAULT_RECONNECT.initialDelayMs),
  maxDelayMs: Milliseconds.default(DEFAULT_RECONNECT.maxDelayMs),
  resetAfterMs: Milliseconds.default(DEFAULT_RECONNECT.resetAfterMs),
  /** Off by default, as the spec says: an HTTP error fails the connection. */
  retryHttpErrors: z.boolean().default(DEFAULT_RECONNECT.retryHttpErrors),
});

export const TimeoutsSchema = z.object({
  /** Give up on an attempt whose response headers take longer (0: never). */
  connectMs: Milliseconds.default(DEFAULT_CONNECT_TIMEOUT_MS),
  /** Reconnect after this long without a byte (0: never). */
  idleMs: Milliseconds.default(0),
});

const limitBytes = z
  .int()
  .min(1)
  .max(MAX_LIMIT_BYTES, `At most ${formatBytes(MAX_LIMIT_BYTES)} (${formatCount(MAX_LIMIT_BYTES)} bytes)`)
  .default(DEFAULT_LIMIT_BYTES);

export const LimitsSchema = z.object({
  maxLineBytes: limitBytes,
  maxEventBytes: limitBytes,
});

export const TlsSchema = z.object({
  insecure: z.boolean().default(false),
  caFile: z.string().min(1).optional(),
});

export { CONNECTION_KINDS, defaultConnectionKind, type ConnectionKind } from './connection-kind.ts';
export const ConnectionKindSchema = z.enum(CONNECTION_KINDS);

/** What config version 1 (and collection files written then) saved as `llmFormat`. */
const LEGACY_LLM_FORMATS: Record<string, LlmFormatSetting> = { openai: 'openai-chat', anthropic: 'anthropic', gemini: 'gemini' };

/** A version 1 `llmFormat` value as the setting it meant: null (no merging asked for) is `auto`. */
export function legacyLlmFormat(value: unknown): unknown {
  if (value === null) return 'auto';
  return typeof value === 'string' && Object.hasOwn(LEGACY_LLM_FORMATS, value) ? LEGACY_LLM_FORMATS[value] : value;
}

/**
 * How a connection's LLM stream is read (see llm-format.ts): `auto`, a shape's name, or
 * `jsonpath:EXPR`. Saved in its canonical spelling; version 1's values are still understood.
 */
export const LlmFormatSettingSchema = z.preprocess(
  legacyLlmFormat,
  z.string().transform((setting, ctx): LlmFormatSetting => {
    const parsed = parseLlmFormat(setting);
    if (parsed.ok) return formatSetting(parsed.format);
    ctx.addIssue({ code: 'custom', message: parsed.problem.charAt(0).toUpperCase() + parsed.problem.slice(1) });
    return z.NEVER;
  }),
  // What it takes in: a setting, or version 1's null.
) as unknown as z.ZodType<LlmFormatSetting, string | null>;

const AlertQuery = z.string().trim().min(1, 'An alert needs a query');

/**
 * A query the search language accepts. The issue carries the search bar's own message with the
 * position it points at, in the text and as `params.position` (for an editor to put a caret there).
 */
const CheckedAlertQuery = AlertQuery.superRefine((query, ctx) => {
  const parsed = parseQuery(query);
  if (parsed.ok) return;
  const { message, position } = parsed.error;
  ctx.addIssue({ code: 'custom', message: `${message} (at position ${position})`, params: { position } });
});

/**
 * An alert rule: a search query watched on the live stream, with a name (the query when none is
 * given) and a severity. Saved rules are not re-checked against the search language, so a config
 * written before a query became invalid still opens; the monitor reports such a rule and skips it.
 */
function alertRuleSchema<Id extends z.ZodType>(id: Id, query: z.ZodType<string, string>) {
  return z
    .object({
      id,
      name: z.string().trim().max(200, 'Alert names are at most 200 characters').default(''),
      query,
      severity: AlertSeveritySchema.default('warning'),
      enabled: z.boolean().default(true),
    })
    .transform((rule): typeof rule => ({ ...rule, name: rule.name || rule.query }));
}

/**
 * The watchdog: alerts about a feed's health rather than its content. It watches the app's
 * connections where `enabled`; `sse-scope watch` watches every feed it runs (with these thresholds).
 */
export const WatchdogSchema = z.object({
  enabled: z.boolean().default(false),
  /** Alert when no event has arrived for this many seconds (0: never). */
  staleAfterSec: z
    .int()
    .min(0)
    .max(7 * 24 * 3600, 'The stale threshold is at most a week')
    .default(60),
  /** Alert when more than this many reconnects happen within `reconnectWindowMin` (0: never). */
  maxReconnects: z.int().min(0).max(100_000).default(5),
  reconnectWindowMin: z
    .int()
    .min(1)
    .max(24 * 60, 'The reconnect window is at most a day')
    .default(10),
});
export type WatchdogSettings = z.output<typeof WatchdogSchema>;

const Name = z.string().trim().min(1, 'A name is required').max(200, 'Names are at most 200 characters');

/** A method token, upper-cased ("post" is saved as "POST"). */
const Method = z
  .string()
  .trim()
  .regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'Invalid HTTP method')
  .transform((method) => method.toUpperCase());

/** A URL that may hold {{variables}}; the variables are checked when the connection starts. */
const UrlTemplate = z
  .string()
  .trim()
  .min(1, 'A URL is required')
  .refine(isUrlTemplate, 'Invalid URL: use an http:// or https:// address, or start it with a {{variable}}');

function headerSchema<Value extends z.ZodType>(value: Value) {
  return z.object({
    name: z
      .string()
      .trim()
      .min(1, 'A header needs a name')
      .regex(/^[^\s:]+$/, 'A header name cannot contain spaces or colons'),
    value,
    enabled: z.boolean().default(true),
  });
}

/** A query parameter turned off in the editor: kept, but not in the URL and not sent. */
export const DisabledParamSchema = z.object({ name: z.string(), value: z.string() });

export const AUTH_TYPES = ['none', 'bearer', 'basic', 'apiKey'] as const;
export type AuthType = (typeof AUTH_TYPES)[number];

/**
 * How the request authenticates, kept as what the user typed (so the editor shows it again as a
 * form, and a collection file carries it): the header (or query parameter) is built when the
 * connection starts, after {{variables}} are filled in. Basic sends base64("user:password").
 * The token, password and key value are secret-capable like header values.
 */
function authSchema<Value extends z.ZodType>(value: Value) {
  return z.discriminatedUnion('type', [
    z.object({ type: z.literal('none') }),
    z.object({ type: z.literal('bearer'), token: value }),
    z.object({ type: z.literal('basic'), username: z.string(), password: value }),
    z.object({
      type: z.literal('apiKey'),
      name: z.string().trim().min(1, 'An API key needs a name, such as X-API-Key'),
      value,
      /** Sent as a header, or added to the URL's query string. */
      in: z.enum(['header', 'query']).default('header'),
    }),
  ]);
}

function connectionShape<Value extends z.ZodType, AlertId extends z.ZodType>(
  value: Value,
  alertId: AlertId,
  alertQuery: z.ZodType<string, string>,
) {
  return {
    name: Name,
    url: UrlTemplate,
    method: Method.default('GET'),
    headers: z.array(headerSchema(value)).default([]),
    /** Query parameters turned off in the editor (the enabled ones are in the URL). */
    disabledParams: z.array(DisabledParamSchema).default([]),
    auth: authSchema(value).default({ type: 'none' }),
    /** The request body, sent with every attempt; "" or absent sends none. */
    body: z.string().optional(),
    /** Sent as Last-Event-ID on the first request ("" sends none). */
    lastEventId: z.string().default(''),
    reconnect: ReconnectSchema.prefault({}),
    timeouts: TimeoutsSchema.prefault({}),
    limits: LimitsSchema.prefault({}),
    tls: TlsSchema.prefault({}),
    autoConnect: z.boolean().default(false),
    /**
     * A monitored feed: it connects when the app starts and reconnects forever with its capped
     * backoff, after HTTP errors too (which the spec does not retry), started again after its
     * maximum delay when it closes all the same. Its tab asks before it closes.
     */
    monitor: z.boolean().default(false),
    /** How the answer of an LLM stream is read from its events; `auto` recognises the shape. */
    llmFormat: LlmFormatSettingSchema.default('auto'),
    alerts: z.array(alertRuleSchema(alertId, alertQuery)).default([]),
    watchdog: WatchdogSchema.prefault({}),
    /** A folder to group by, a path for folders in folders ("Billing/Staging"); "" is the top level. */
    folder: z.string().transform(normalizeFolderPath).default(''),
    tags: z.array(z.string().trim().min(1)).default([]),
  };
}

/** Saved connections always have their kind; an input without one gets defaultConnectionKind's. */
export const SavedConnectionSchema = z.object({
  id: z.uuid(),
  kind: ConnectionKindSchema,
  ...connectionShape(StoredValueSchema, z.uuid(), AlertQuery),
});
export const ConnectionInputSchema = z.object({
  kind: ConnectionKindSchema.optional(),
  ...connectionShape(InputValueSchema, z.uuid().optional(), CheckedAlertQuery),
});
export const PortableConnectionSchema = z.object({
  kind: ConnectionKindSchema.optional(),
  ...connectionShape(PortableValueSchema, z.uuid().optional(), CheckedAlertQuery),
});

export type SavedConnection = z.output<typeof SavedConnectionSchema>;
/** What the user (or an import) hands in; everything but name and URL may be left out. */
export type ConnectionInput = z.input<typeof ConnectionInputSchema>;
export type PortableConnection = z.output<typeof PortableConnectionSchema>;
export type SavedHeader = SavedConnection['headers'][number];
export type SavedAuth = SavedConnection['auth'];
export type DisabledParam = SavedConnection['disabledParams'][number];
export type AlertRule = SavedConnection['alerts'][number];

// ---- Environments. ----

function variableSchema<Value extends z.ZodType>(value: Value) {
  return z.object({
    name: z.string().trim().regex(VARIABLE_NAME, 'A variable name starts with a letter or _ and has only letters, digits, _ . -'),
    value,
  });
}

function environmentShape<Value extends z.ZodType>(value: Value) {
  return {
    name: Name,
    variables: z
      .array(variableSchema(value))
      .default([])
      .superRefine((variables, ctx) => {
        const seen = new Set<string>();
        variables.forEach((variable, index) => {
          if (seen.has(variable.name)) {
            ctx.addIssue({ code: 'custom', path: [index, 'name'], message: `Variable {{${variable.name}}} is defined twice` });
          }
          seen.add(variable.name);
        });
      }),
  };
}

export const EnvironmentSchema = z.object({ id: z.uuid(), ...environmentShape(StoredValueSchema) });
export const EnvironmentInputSchema = z.object(environmentShape(InputValueSchema));
export const PortableEnvironmentSchema = z.object(environmentShape(PortableValueSchema));

export type Environment = z.output<typeof EnvironmentSchema>;
export type EnvironmentInput = z.input<typeof EnvironmentInputSchema>;
export type PortableEnvironment = z.output<typeof PortableEnvironmentSchema>;
export type Variable = Environment['variables'][number];

// ---- Settings and the document. ----

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

/** The app's settings, each without its default: what an edit may set. */
const settingsFields = {
  /** Where no OS keychain exists, store secrets as plain text. Only ever true because the user said so. */
  storeSecretsUnencrypted: z.boolean(),
  /** Records each session keeps in memory; older ones are read back from its capture file. */
  windowSize: z.int().min(1_000, 'Keep at least 1,000 records in memory').max(10_000_000, 'Keep at most 10,000,000 records in memory'),
  /** Megabytes the captures folder may hold before the oldest finished captures are deleted; null: no cap. */
  captureSizeCapMb: z.int().min(1, 'The captures size cap is at least 1 MB').max(10_000_000).nullable(),
  /** Megabytes one capture may grow to: the session then ends with a record that says so; null: no limit. */
  maxCaptureMb: z.int().min(1, 'A capture may hold at least 1 MB').max(10_000_000).nullable(),
  /**
   * Megabytes of memory all sessions share: records past it stay on disk only (read back when
   * shown), and live delivery slows before anything else does.
   */
  memoryBudgetMb: z.int().min(128, 'The memory budget is at least 128 MB').max(1_048_576, 'The memory budget is at most 1 TB'),
  /** Desktop notifications when an alert rule matches. */
  notifications: z.boolean(),
  /** The demo connections were added once (on the first launch), so they are never added again. */
  demoSeeded: z.boolean(),
  /** Light or dark colours, or whatever the operating system uses. */
  theme: z.enum(THEMES),
};

export const SettingsSchema = z.object({
  storeSecretsUnencrypted: settingsFields.storeSecretsUnencrypted.default(false),
  windowSize: settingsFields.windowSize.default(100_000),
  captureSizeCapMb: settingsFields.captureSizeCapMb.default(2048),
  maxCaptureMb: settingsFields.maxCaptureMb.default(DEFAULT_MAX_CAPTURE_MB),
  memoryBudgetMb: settingsFields.memoryBudgetMb.default(1024),
  notifications: settingsFields.notifications.default(true),
  demoSeeded: settingsFields.demoSeeded.default(false),
  theme: settingsFields.theme.default('system'),
});
export type Settings = z.output<typeof SettingsSchema>;

/**
 * A change to some settings: only the fields given (SettingsSchema.partial() would fill in the
 * defaults of the fields left out, and so reset them). `demoSeeded` is the app's own bookkeeping.
 */
export const SettingsEditSchema = z.object(settingsFields).omit({ demoSeeded: true }).partial();

export const ConfigDocumentSchema = z
  .object({
    version: z.literal(CONFIG_VERSION),
    connections: z.array(SavedConnectionSchema).default([]),
    environments: z.array(EnvironmentSchema).default([]),
    activeEnvironmentId: z.uuid().nullable().default(null),
    settings: SettingsSchema.prefault({}),
  })
  .superRefine(checkDocumentRules);

export type ConfigDocument = z.output<typeof ConfigDocumentSchema>;

/**
 * Only the rules that span the document (unique ids and names, an active environment that
 * exists), for a document whose items were each validated already: the check a change needs,
 * without parsing every item again.
 */
export const DocumentRulesSchema = z.custom<ConfigDocument>().superRefine(checkDocumentRules);

function checkDocumentRules(doc: ConfigDocument, ctx: z.RefinementCtx): void {
  checkUnique(doc.connections, 'connections', 'connection', ctx);
  checkUnique(doc.environments, 'environments', 'environment', ctx);
  if (doc.activeEnvironmentId !== null && !doc.environments.some((env) => env.id === doc.activeEnvironmentId)) {
    ctx.addIssue({ code: 'custom', path: ['activeEnvironmentId'], message: 'The active environment does not exist' });
  }
}

/** Ids are unique; names are unique too, so a list, a menu or an import can name a thing. */
function checkUnique(items: { id: string; name: string }[], key: string, noun: string, ctx: z.RefinementCtx): void {
  const ids = new Set<string>();
  const names = new Set<string>();
  items.forEach((item, index) => {
    if (ids.has(item.id)) ctx.addIssue({ code: 'custom', path: [key, index, 'id'], message: `Duplicate ${noun} id` });
    if (names.has(item.name)) {
      ctx.addIssue({ code: 'custom', path: [key, index, 'name'], message: `Another ${noun} is already named "${item.name}"` });
    }
    ids.add(item.id);
    names.add(item.name);
  });
}

/** An empty document at the current version. */
export function emptyDocument(): ConfigDocument {
  return ConfigDocumentSchema.parse({ version: CONFIG_VERSION });
}
