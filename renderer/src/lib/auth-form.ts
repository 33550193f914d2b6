// The connection editor's Auth section: the saved auth as fields (every type's fields kept while
// the user switches between types, so nothing typed is lost), checked in plain words, and turned
// back into the `auth` connections:save takes. The header it will write is the main process's to
// build when the connection starts (Basic's base64 included), after {{variables}} are filled in.

import type { SavedConnection } from '../../../main/contract.ts';
import { emptySecretField, isEmptyField, secretFieldOf, valueOfField, type SecretField, type ValueInput } from './secret-field.ts';

type SavedAuth = SavedConnection['auth'];
export type AuthType = SavedAuth['type'];
export type ApiKeyPlace = 'header' | 'query';

export const AUTH_TYPE_LABELS: Record<AuthType, string> = {
  none: 'No auth',
  bearer: 'Bearer token',
  basic: 'Basic (user and password)',
  apiKey: 'API key',
};

export interface AuthForm {
  type: AuthType;
  token: SecretField;
  username: string;
  password: SecretField;
  keyName: string;
  keyValue: SecretField;
  keyIn: ApiKeyPlace;
}

export type AuthInput =
  | { type: 'none' }
  | { type: 'bearer'; token: ValueInput }
  | { type: 'basic'; username: string; password: ValueInput }
  | { type: 'apiKey'; name: string; value: ValueInput; in: ApiKeyPlace };

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export function authFormOf(saved: SavedAuth | null): AuthForm {
  // Credentials are secret unless the user says otherwise.
  const form: AuthForm = {
    type: 'none',
    token: emptySecretField(true),
    username: '',
    password: emptySecretField(true),
    keyName: 'X-API-Key',
    keyValue: emptySecretField(true),
    keyIn: 'header',
  };
  if (!saved) return form;
  form.type = saved.type;
  if (saved.type === 'bearer') form.token = secretFieldOf(saved.token);
  if (saved.type === 'basic') {
    form.username = saved.username;
    form.password = secretFieldOf(saved.password);
  }
  if (saved.type === 'apiKey') {
    form.keyName = saved.name;
    form.keyValue = secretFieldOf(saved.value);
    form.keyIn = saved.in;
  }
  return form;
}

export function authInputOf(form: AuthForm): AuthInput {
  switch (form.type) {
    case 'none':
      return { type: 'none' };
    case 'bearer':
      return { type: 'bearer', token: valueOfField(form.token) };
    case 'basic':
      return { type: 'basic', username: form.username, password: valueOfField(form.password) };
    case 'apiKey':
      return { type: 'apiKey', name: form.keyName.trim(), value: valueOfField(form.keyValue), in: form.keyIn };
  }
}

/** The header the auth will set, or null (none, or an API key in the query). */
export function authHeaderName(form: AuthForm): string | null {
  if (form.type === 'bearer' || form.type === 'basic') return 'Authorization';
  if (form.type === 'apiKey' && form.keyIn === 'header') return form.keyName.trim() || null;
  return null;
}

/**
 * What is wrong with the auth as typed, in plain words; null when nothing is. `enabledHeaders`
 * are the names of the headers the request sends, which must not set the auth's header again.
 */
export function authProblem(form: AuthForm, enabledHeaders: readonly string[]): string | null {
  if (form.type === 'bearer' && isEmptyField(form.token)) return 'Enter the token, or a {{variable}} that holds it.';
  if (form.type === 'basic' && form.username.trim() === '') return 'Enter the user name.';
  if (form.type === 'apiKey') {
    const name = form.keyName.trim();
    if (name === '') return 'Enter the name of the API key’s header or query parameter, such as X-API-Key.';
    if (form.keyIn === 'header' && !HEADER_NAME.test(name)) return `"${name}" cannot be a header name: use letters, digits and dashes.`;
    if (isEmptyField(form.keyValue)) return 'Enter the API key, or a {{variable}} that holds it.';
  }
  const header = authHeaderName(form);
  const clash = header && enabledHeaders.find((name) => name.trim().toLowerCase() === header.toLowerCase());
  if (clash) return `The header ${clash.trim()} below sets ${header} too: turn it off or remove it, so this one is sent.`;
  return null;
}
