// The auth settings Postman, Insomnia and Bruno share, and how each becomes part of the request:
// Bearer and Basic an Authorization header, an API key a header or a query parameter. The header is
// marked as a credential (a secret when saved). A header the request sets itself wins, as it does
// in those tools. What has no equivalent here (OAuth, AWS signatures, digest...) is a warning.

import type { ImportNotes } from './import-notes.ts';
import { basicAuthorization, type RequestDraft } from './request-draft.ts';
import { appendQuery } from './templates.ts';

export type AuthSetting =
  | { kind: 'none' }
  | { kind: 'bearer'; token: string; prefix?: string }
  | { kind: 'basic'; username: string; password: string }
  | { kind: 'apikey'; name: string; value: string; in: 'header' | 'query' }
  /** `label` names it for the user: "OAuth 2.0", "AWS Signature". */
  | { kind: 'unsupported'; label: string };

/** Adds the auth to the draft; `tool` names where it came from in warnings ("Postman"). */
export function applyAuth(draft: RequestDraft, auth: AuthSetting, tool: string, notes: ImportNotes): void {
  const has = (name: string) => draft.headers.some((header) => header.enabled && header.name.toLowerCase() === name.toLowerCase());
  const addHeader = (name: string, value: string) => {
    if (!has(name)) draft.headers.push({ name, value, enabled: true, credential: true });
  };
  switch (auth.kind) {
    case 'none':
      return;
    case 'bearer': {
      if (auth.token.trim() === '') {
        notes.about(`${tool} Bearer auth without a token was left out`, draft.name, 'has it', 'have it');
        return;
      }
      addHeader('Authorization', `${auth.prefix?.trim() || 'Bearer'} ${auth.token.trim()}`);
      return;
    }
    case 'basic': {
      const value = basicAuthorization(auth.username, auth.password);
      if (value === null) {
        notes.about(
          `${tool} Basic auth made of variables cannot be encoded ahead of time, so it was left out: add an Authorization header with the encoded value`,
          draft.name,
          'uses it',
          'use it',
        );
        return;
      }
      addHeader('Authorization', value);
      return;
    }
    case 'apikey': {
      if (auth.name.trim() === '') {
        notes.about(`${tool} API key auth without a key name was left out`, draft.name, 'has it', 'have it');
        return;
      }
      if (auth.in === 'header') addHeader(auth.name.trim(), auth.value);
      else draft.url = appendQuery(draft.url, auth.name.trim(), auth.value);
      return;
    }
    case 'unsupported':
      notes.about(`${tool} ${auth.label} auth is not brought over (set its header by hand)`, draft.name, 'uses it', 'use it');
      return;
  }
}
