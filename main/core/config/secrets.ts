// Secret header, auth and variable values: sealed before they are saved (encrypted by an injected
// SecretCipher, which is Electron's safeStorage in the app), opened only when a connection starts
// or the user asks to see one, and masked for logs. Where no OS keychain exists a secret is only
// saved as plain text if the user agreed to that (settings.storeSecretsUnencrypted).

import { REDACTED } from '../export/redact-secrets.ts';
import type { InputValue, StoredValue } from '../../common/config-schema.ts';

export { REDACTED };

/** Encryption by the OS keychain. Injected, so the core never imports electron. */
export interface SecretCipher {
  /** Shown to the user: "keychain", "gnome_libsecret", "none"... */
  readonly backendName: string;
  isAvailable(): boolean;
  /** Returns base64. */
  encrypt(plain: string): string;
  decrypt(cipher: string): string;
}

/** Saving a secret was refused: no keychain, and the user has not agreed to plain text. */
export class SecretsUnavailableError extends Error {
  override name = 'SecretsUnavailableError';
  constructor(backendName: string) {
    super(
      `No OS keychain is available to encrypt secrets (backend: ${backendName}). ` +
        'Secrets can be saved unencrypted in the config file only if you allow it in Settings; ' +
        'until then, save the value as a plain (not secret) field or leave it out.',
    );
  }
}

/** A stored secret cannot be used: it was left out of an import, or cannot be decrypted. */
export class SecretUnreadableError extends Error {
  override name = 'SecretUnreadableError';
}

/** A cipher for places with no keychain at all (CLI, browser mode). */
export function noKeychainCipher(backendName = 'none'): SecretCipher {
  const refuse = (): never => {
    throw new Error(`No OS keychain is available (backend: ${backendName})`);
  };
  return { backendName, isAvailable: () => false, encrypt: refuse, decrypt: refuse };
}

export interface SecretPolicy {
  cipher: SecretCipher;
  storeSecretsUnencrypted: boolean;
}

/** An input value as it may be saved: a typed secret is encrypted (or refused). */
export function sealValue(value: InputValue, policy: SecretPolicy): StoredValue {
  if (typeof value === 'string' || !('value' in value)) return value;
  if (policy.cipher.isAvailable()) return { secret: true, enc: policy.cipher.encrypt(value.value) };
  if (policy.storeSecretsUnencrypted) return { secret: true, unencrypted: value.value };
  throw new SecretsUnavailableError(policy.cipher.backendName);
}

/** The plain text of a value. `label` names it in errors ("header Authorization"). */
export function openValue(value: InputValue, cipher: SecretCipher, label: string): string {
  if (typeof value === 'string') return value;
  if ('value' in value) return value.value;
  if ('unencrypted' in value) return value.unencrypted;
  if ('omitted' in value) {
    throw new SecretUnreadableError(`The secret value of ${label} was left out when it was exported; enter it again.`);
  }
  if (!cipher.isAvailable()) {
    throw new SecretUnreadableError(
      `The secret value of ${label} is encrypted with the OS keychain, which is not available now (backend: ${cipher.backendName}).`,
    );
  }
  try {
    return cipher.decrypt(value.enc);
  } catch {
    throw new SecretUnreadableError(
      `The secret value of ${label} cannot be decrypted (backend: ${cipher.backendName}); ` +
        'it may have been saved by another user or on another computer. Enter it again.',
    );
  }
}

export function isSecret(value: InputValue): value is Exclude<InputValue, string> {
  return typeof value !== 'string';
}

interface WithHeaders<V> {
  headers: { name: string; value: V; enabled?: boolean }[];
}
interface WithVariables<V> {
  variables: { name: string; value: V }[];
}

/** A connection's auth with its value type left open (stored, typed or portable values). */
export type AuthOf<V> =
  | { type: 'none' }
  | { type: 'bearer'; token: V }
  | { type: 'basic'; username: string; password: V }
  | { type: 'apiKey'; name: string; value: V; in: 'header' | 'query' };

interface WithAuth<V> {
  auth: AuthOf<V>;
}

/** T with its header values of type W. */
type HeadersMapped<T extends WithHeaders<unknown>, W> = Omit<T, 'headers'> & {
  headers: (Omit<T['headers'][number], 'value'> & { value: W })[];
};

/** A copy with every header value mapped. */
export function mapHeaderValues<V, W, T extends WithHeaders<V>>(item: T, map: (value: V, name: string) => W): HeadersMapped<T, W> {
  const { headers, ...rest } = item;
  // Each header keeps its other fields; TypeScript cannot follow that through a generic map.
  const mapped = headers.map((header) => ({ ...header, value: map(header.value, header.name) })) as unknown as HeadersMapped<
    T,
    W
  >['headers'];
  return { ...rest, headers: mapped };
}

/** The auth's secret-capable value mapped; `label` names it in messages ("Auth token"). */
export function mapAuthValue<V, W>(auth: AuthOf<V>, map: (value: V, label: string) => W): AuthOf<W> {
  switch (auth.type) {
    case 'none':
      return auth;
    case 'bearer':
      return { ...auth, token: map(auth.token, 'Auth token') };
    case 'basic':
      return { ...auth, password: map(auth.password, 'Auth password') };
    case 'apiKey':
      return { ...auth, value: map(auth.value, `Auth API key ${auth.name}`) };
  }
}

/**
 * A copy of a connection with every secret-capable value mapped: its header values and its auth's.
 * `label` names the value in messages ("header Authorization", "Auth token").
 */
export function mapConnectionValues<V, W, T extends WithHeaders<V> & WithAuth<V>>(
  item: T,
  map: (value: V, label: string) => W,
): Omit<HeadersMapped<T, W>, 'auth'> & WithAuth<W> {
  return { ...mapHeaderValues<V, W, T>(item, (value, name) => map(value, `header ${name}`)), auth: mapAuthValue(item.auth, map) };
}

/** Every secret-capable value of a connection (header values and the auth's), to count or check. */
export function connectionValues<V>(connection: WithHeaders<V> & WithAuth<V>): V[] {
  const values: V[] = connection.headers.map((header) => header.value);
  mapAuthValue(connection.auth, (value) => values.push(value));
  return values;
}

/** A copy with every variable value mapped (environments). */
export function mapVariableValues<V, W, T extends WithVariables<V>>(item: T, map: (value: V, name: string) => W) {
  return { ...item, variables: item.variables.map((variable) => ({ ...variable, value: map(variable.value, variable.name) })) };
}

const mask = (value: InputValue): string => (typeof value === 'string' ? value : REDACTED);

/** For logs: a copy of a connection or environment with every secret value shown as '••••'. */
export function redact<T extends Partial<WithHeaders<InputValue>> & Partial<WithVariables<InputValue>> & { auth?: { type: string } }>(
  item: T,
): T {
  const out = { ...item };
  if (item.headers) out.headers = item.headers.map((header) => ({ ...header, value: mask(header.value) }));
  if (item.variables) out.variables = item.variables.map((variable) => ({ ...variable, value: mask(variable.value) }));
  if (item.auth) out.auth = maskAuth(item.auth);
  return out;
}

/** The auth with its secret-capable value (token, password or key value) masked, whatever its type. */
function maskAuth<A extends { type: string }>(auth: A): A {
  const out: Record<string, unknown> = { ...auth };
  for (const key of ['token', 'password', 'value'] as const) {
    if (key in out) out[key] = mask(out[key] as InputValue);
  }
  return out as A;
}
