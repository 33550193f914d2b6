// The editor's Auth section as a form: a saved auth comes back unchanged (its secret never shown,
// only kept), credentials are secret unless the user says otherwise, switching type keeps what was
// typed, and what is wrong is said in plain words before saving.

import { describe, expect, it } from 'vitest';
import { ConnectionInputSchema, SavedConnectionSchema } from '../../../main/common/config-schema.ts';
import { authFormOf, authInputOf, authProblem } from '../../../renderer/src/lib/auth-form.ts';
import { formFromConnection, headerRow, inputFromForm, validateForm } from '../../../renderer/src/lib/connection-form.ts';

const stored = { secret: true as const, enc: 'c2VjcmV0' };

function saved(auth: unknown) {
  return SavedConnectionSchema.parse({
    id: '7d7e4c57-52b4-4ad6-9d4e-2d9f6d1f5a10',
    kind: 'feed',
    name: 'Feed',
    url: 'https://x.test/s',
    auth,
  });
}

describe('auth form', () => {
  it('gives back each kind of saved auth unchanged, its stored secret included', () => {
    for (const auth of [
      { type: 'none' },
      { type: 'bearer', token: stored },
      { type: 'basic', username: '{{user}}', password: stored },
      { type: 'apiKey', name: 'X-API-Key', value: stored, in: 'query' },
    ]) {
      const connection = saved(auth);
      const input = ConnectionInputSchema.parse(inputFromForm(formFromConnection(connection), connection));
      expect(input.auth).toEqual(connection.auth);
    }
  });

  it('makes a typed token a secret by default, and keeps the other types’ fields while switching', () => {
    const form = authFormOf(null);
    form.type = 'bearer';
    form.token.value = 'sk-1';
    expect(authInputOf(form)).toEqual({ type: 'bearer', token: { secret: true, value: 'sk-1' } });
    form.type = 'basic';
    form.username = 'ann';
    form.password.value = 'pw';
    form.type = 'bearer';
    expect(authInputOf(form)).toEqual({ type: 'bearer', token: { secret: true, value: 'sk-1' } });
    form.token.secret = false;
    form.token.value = '{{token}}';
    expect(authInputOf(form)).toEqual({ type: 'bearer', token: '{{token}}' });
  });

  it('says what is missing or wrong, and when a header sets the same thing', () => {
    const form = authFormOf(null);
    form.type = 'bearer';
    expect(authProblem(form, [])).toBe('Enter the token, or a {{variable}} that holds it.');
    form.token.value = 'x';
    expect(authProblem(form, ['Content-Type'])).toBeNull();
    expect(authProblem(form, ['authorization'])).toBe(
      'The header authorization below sets Authorization too: turn it off or remove it, so this one is sent.',
    );
    form.type = 'apiKey';
    form.keyName = 'Api Key';
    form.keyValue.value = 'k';
    expect(authProblem(form, [])).toBe('"Api Key" cannot be a header name: use letters, digits and dashes.');
    form.keyIn = 'query';
    expect(authProblem(form, ['Api Key'])).toBeNull();
  });

  it('the editor’s check counts only enabled headers', () => {
    const form = formFromConnection(null);
    Object.assign(form, { name: 'Feed', url: 'https://x.test/s' });
    form.auth.type = 'bearer';
    form.auth.token.value = 'sk';
    const header = headerRow('Authorization', 'Bearer old');
    form.headers = [header];
    expect(validateForm(form).auth).toMatch(/^The header Authorization below sets Authorization too/);
    header.enabled = false;
    expect(validateForm(form).auth).toBeUndefined();
  });
});
