// The auth settings Postman, Insomnia and Bruno share, and how each becomes the connection's Auth
// section (Bearer, Basic, an API key in a header or the query), whose secret part is saved as a
// secret. What has no equivalent here (OAuth, AWS signatures, digest...) is a warning.

import type { ImportNotes } from './import-notes.ts';
import type { RequestDraft } from './request-draft.ts';

export type AuthSetting =
  | { kind: 'none' }
  | { kind: 'bearer'; token: string; prefix?: string }
  | { kind: 'basic'; username: string; password: string }
  | { kind: 'apikey'; name: string; value: string; in: 'header' | 'query' }
  /** `label` names it for the user: "OAuth 2.0", "AWS Signature". */
  | { kind: 'unsupported'; label: string };

/**
 * Sets the draft's auth (our Auth section: Bearer, Basic, API key in a header or the query), so the
 * editor shows it as the tool did. A header the request sets itself wins, as it does in those
 * tools; a Bearer token with another scheme word ("Token abc") stays an Authorization header,
 * marked as a credential. `tool` names where it came from in warnings ("Postman").
 */
export function applyAuth(draft: RequestDraft, auth: AuthSetting, tool: string, notes: ImportNotes): void {
  const has = (name: string) => draft.headers.some((header) => header.enabled && header.name.toLowerCase() === name.toLowerCase());
  switch (auth.kind) {
    case 'none':
      return;
    case 'bearer': {
      const token = auth.token.trim();
      if (token === '') {
        notes.about(`${tool} Bearer auth without a token was left out`, draft.name, 'has it', 'have it');
        return;
      }
      if (has('Authorization')) return;
      const scheme = auth.prefix?.trim() || 'Bearer';
      if (scheme.toLowerCase() === 'bearer') draft.auth = { type: 'bearer', token };
      else draft.headers.push({ name: 'Authorization', value: `${scheme} ${token}`, enabled: true, credential: true });
      return;
    }
    case 'basic':
      if (!has('Authorization')) draft.auth = { type: 'basic', username: auth.username, password: auth.password };
      return;
    case 'apikey': {
      const name = auth.name.trim();
      if (name === '') {
        notes.about(`${tool} API key auth without a key name was left out`, draft.name, 'has it', 'have it');
        return;
      }
      if (auth.in === 'header' && has(name)) return;
      draft.auth = { type: 'apiKey', name, value: auth.value, in: auth.in };
      return;
    }
    case 'unsupported':
      notes.about(`${tool} ${auth.label} auth is not brought over (set its header by hand)`, draft.name, 'uses it', 'use it');
      return;
  }
}
