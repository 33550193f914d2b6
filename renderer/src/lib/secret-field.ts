// A value the user may mark secret (a header value, an auth token or password): what was typed,
// whether it is secret, and the stored secret it replaces. A saved secret is never sent to the
// view in plain text, so it shows as an empty field that keeps the stored value until something
// is typed over it.

import type { SavedConnection } from '../../../main/contract.ts';

/** A saved header value: text, or a secret the main process keeps (never shown). */
export type StoredValue = SavedConnection['headers'][number]['value'];
export type StoredSecret = Exclude<StoredValue, string>;
/** What connections:save takes for such a value. */
export type ValueInput = StoredValue | { secret: true; value: string };

export interface SecretField {
  /** What the user typed; "" for a stored secret left unchanged. */
  value: string;
  secret: boolean;
  /** The stored secret, handed back unchanged when no new value is typed. */
  stored: StoredSecret | null;
}

export function secretFieldOf(saved: StoredValue): SecretField {
  return typeof saved === 'string' ? { value: saved, secret: false, stored: null } : { value: '', secret: true, stored: saved };
}

/** An empty field; `secret` for values that are credentials by nature (auth tokens and passwords). */
export function emptySecretField(secret: boolean): SecretField {
  return { value: '', secret, stored: null };
}

/** What connections:save takes: the typed text, a new secret, or the stored secret unchanged. */
export function valueOfField(field: SecretField): ValueInput {
  if (!field.secret) return field.value;
  if (field.value === '' && field.stored) return field.stored;
  return { secret: true, value: field.value };
}

/** Nothing typed and nothing stored. */
export function isEmptyField(field: SecretField): boolean {
  return field.value === '' && field.stored === null;
}

/** A stored secret the user has to type again: it was left out of an import. */
export function isOmitted(stored: StoredSecret | null): boolean {
  return stored !== null && 'omitted' in stored;
}

/** A secret value field's placeholder: a saved secret is never shown, only replaced. */
export function secretValuePlaceholder(secret: boolean, stored: StoredSecret | null, empty = 'Value'): string {
  if (!secret || !stored) return empty;
  return isOmitted(stored) ? 'Not included: enter the secret again' : 'Saved secret (type to replace)';
}
