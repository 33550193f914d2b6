// The Auth section of a connection becomes its header (or query parameter) when the connection
// starts: Bearer and Basic write Authorization (Basic as base64 of "user:password" once the
// variables are in), an API key goes in the header or the query string it names. What is sent
// carries the secret; what may be shown never does. A collection file keeps the auth as a form,
// and leaves its secret out unless asked.

import { randomUUID } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { EnvironmentSchema, SavedConnectionSchema, type SavedConnection } from '../../../main/common/config-schema.ts';
import { buildCollection, parseCollection } from '../../../main/core/config/collection-file.ts';
import { REDACTED } from '../../../main/core/config/secrets.ts';
import { ResolveError, resolveConnection } from '../../../main/core/config/variables.ts';
import { fakeKeychainCipher } from './fake-cipher.ts';

const cipher = fakeKeychainCipher();
const secret = (text: string) => ({ secret: true as const, enc: cipher.encrypt(text) });

function connection(fields: Record<string, unknown>): SavedConnection {
  return SavedConnectionSchema.parse({ id: randomUUID(), kind: 'feed', name: 'Feed', url: 'https://api.test/stream', ...fields });
}

const staging = EnvironmentSchema.parse({
  id: randomUUID(),
  name: 'Staging',
  variables: [
    { name: 'user', value: 'ann' },
    { name: 'token', value: secret('sk-staging') },
  ],
});

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ResolveError) return error.problems;
    throw error;
  }
  throw new Error('expected a ResolveError');
}

describe('auth when a connection starts', () => {
  test('a connection saved before auth existed sends no credential', () => {
    const saved = connection({});
    expect(saved.auth).toEqual({ type: 'none' });
    expect(resolveConnection(saved, null, cipher).request.headers).toEqual({});
  });

  test('Bearer sends "Authorization: Bearer <token>", its variables filled in, and shows it masked', () => {
    const { request, display } = resolveConnection(connection({ auth: { type: 'bearer', token: '{{token}}' } }), staging, cipher);
    expect(request.headers).toEqual({ Authorization: 'Bearer sk-staging' });
    expect(display.headers).toEqual({ Authorization: `Bearer ${REDACTED}` });
  });

  test('Bearer with a token typed in as plain text is still masked where it is shown', () => {
    const { request, display } = resolveConnection(connection({ auth: { type: 'bearer', token: 'sk-plain' } }), null, cipher);
    expect(request.headers.Authorization).toBe('Bearer sk-plain');
    expect(JSON.stringify(display)).not.toContain('sk-plain');
  });

  test('Basic encodes "user:password" as base64 (UTF-8) after the variables are filled in', () => {
    const { request, display } = resolveConnection(
      connection({ auth: { type: 'basic', username: '{{user}}', password: secret('pässword:1') } }),
      staging,
      cipher,
    );
    const encoded = request.headers.Authorization!.replace(/^Basic /, '');
    expect(Buffer.from(encoded, 'base64').toString('utf8')).toBe('ann:pässword:1');
    expect(display.headers).toEqual({ Authorization: `Basic ${REDACTED}` });
  });

  test('an API key goes in the header it names', () => {
    const { request, display } = resolveConnection(
      connection({ auth: { type: 'apiKey', name: 'X-API-Key', value: secret('k-123'), in: 'header' } }),
      null,
      cipher,
    );
    expect(request.headers).toEqual({ 'X-API-Key': 'k-123' });
    expect(display.headers).toEqual({ 'X-API-Key': REDACTED });
  });

  test('an API key in the query is added to the URL, encoded, before a #fragment; the shown URL masks it', () => {
    const auth = { type: 'apiKey', name: 'api key', value: secret('a&b=c'), in: 'query' };
    const plain = resolveConnection(connection({ url: 'https://api.test/s#top', auth }), null, cipher);
    expect(plain.request.url).toBe('https://api.test/s?api%20key=a%26b%3Dc#top');
    expect(new URL(plain.request.url).searchParams.get('api key')).toBe('a&b=c');
    expect(plain.display.url).toBe(`https://api.test/s?api%20key=${REDACTED}#top`);

    const withQuery = resolveConnection(connection({ url: 'https://api.test/s?since=1', auth }), null, cipher);
    expect(withQuery.request.url).toBe('https://api.test/s?since=1&api%20key=a%26b%3Dc');
    expect(withQuery.request.headers).toEqual({});
  });

  test('an enabled header that sets the same name is a plain problem; a disabled one is not', () => {
    const auth = { type: 'bearer', token: 'sk' };
    expect(
      problemsOf(() => resolveConnection(connection({ auth, headers: [{ name: 'authorization', value: 'Bearer old' }] }), null, cipher)),
    ).toEqual(['The Auth section sets Authorization, and so does the header authorization: turn one of them off']);
    const { request } = resolveConnection(
      connection({ auth, headers: [{ name: 'Authorization', value: 'Bearer old', enabled: false }] }),
      null,
      cipher,
    );
    expect(request.headers).toEqual({ Authorization: 'Bearer sk' });
  });

  test('an unknown variable or a secret left out of an export is named, before anything is sent', () => {
    expect(problemsOf(() => resolveConnection(connection({ auth: { type: 'bearer', token: '{{nope}}' } }), staging, cipher))).toEqual([
      'Unknown variable {{nope}} in Auth token (not in environment "Staging")',
    ]);
    expect(
      problemsOf(() =>
        resolveConnection(
          connection({ auth: { type: 'basic', username: 'ann', password: { secret: true, omitted: true } } }),
          null,
          cipher,
        ),
      ),
    ).toEqual(['The secret value of Auth password was left out when it was exported; enter it again.']);
    expect(
      problemsOf(() =>
        resolveConnection(connection({ auth: { type: 'apiKey', name: 'Bad Name', value: 'k', in: 'header' } }), null, cipher),
      ),
    ).toEqual(['The API key name "Bad Name" is not a valid HTTP header name']);
  });
});

describe('auth in a collection file', () => {
  const saved = connection({ auth: { type: 'basic', username: 'ann', password: secret('hunter2') } });

  test('keeps the form, and leaves the password out unless secrets are included', () => {
    const without = buildCollection([saved], [], cipher);
    expect(without).not.toContain('hunter2');
    expect(parseCollection(without).connections[0]!.auth).toEqual({
      type: 'basic',
      username: 'ann',
      password: { secret: true, omitted: true },
    });

    const withSecrets = parseCollection(buildCollection([saved], [], cipher, { includeSecrets: true }));
    expect(withSecrets.connections[0]!.auth).toEqual({ type: 'basic', username: 'ann', password: { secret: true, value: 'hunter2' } });
  });
});
