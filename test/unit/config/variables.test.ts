// {{variables}} applied when a connection starts: what is sent, what may be shown, and a clear
// error naming every unknown variable and where it was, before anything is sent.

import { randomUUID } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { EnvironmentSchema, SavedConnectionSchema, type SavedConnection } from '../../../main/common/config-schema.ts';
import { noKeychainCipher, REDACTED } from '../../../main/core/config/secrets.ts';
import { ResolveError, resolveConnection } from '../../../main/core/config/variables.ts';
import { fakeKeychainCipher } from './fake-cipher.ts';

const cipher = fakeKeychainCipher();

function connection(fields: Record<string, unknown>): SavedConnection {
  return SavedConnectionSchema.parse({ id: randomUUID(), kind: 'feed', name: 'Chat', url: 'https://x.test/', ...fields });
}

function environment(variables: Record<string, string | { secret: true; enc: string }>) {
  return EnvironmentSchema.parse({
    id: randomUUID(),
    name: 'Staging',
    variables: Object.entries(variables).map(([name, value]) => ({ name, value })),
  });
}

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ResolveError) return error.problems;
    throw error;
  }
  throw new Error('expected a ResolveError');
}

describe('resolveConnection', () => {
  test('variables fill the URL, header names and values, and the body', () => {
    const env = environment({ baseUrl: 'https://api.test', token: 'sk-123', model: 'gpt-x', hdr: 'X-Trace' });
    const { request } = resolveConnection(
      connection({
        url: '{{baseUrl}}/v1/chat?model={{ model }}',
        method: 'POST',
        headers: [
          { name: 'Authorization', value: 'Bearer {{token}}' },
          { name: '{{hdr}}', value: 'on' },
        ],
        body: '{"model":"{{model}}","messages":[{"role":"user","content":"hi"}]}',
        lastEventId: '41',
        reconnect: { retryHttpErrors: true },
        timeouts: { idleMs: 15000 },
        tls: { insecure: true },
      }),
      env,
      cipher,
    );
    expect(request.url).toBe('https://api.test/v1/chat?model=gpt-x');
    expect(request.headers).toEqual({ Authorization: 'Bearer sk-123', 'X-Trace': 'on' });
    expect(JSON.parse(request.body!)).toEqual({ model: 'gpt-x', messages: [{ role: 'user', content: 'hi' }] });
    expect(request).toMatchObject({ method: 'POST', lastEventId: '41', idleTimeoutMs: 15000, tls: { insecure: true } });
    expect(request.reconnect.retryHttpErrors).toBe(true);
  });

  test('every unknown variable is named with where it appeared', () => {
    const problems = problemsOf(() =>
      resolveConnection(
        connection({
          url: '{{baseUrl}}/stream',
          method: 'POST',
          headers: [{ name: 'Authorization', value: 'Bearer {{token}}' }],
          body: '{"user":"{{user}}","again":"{{token}}"}',
        }),
        environment({ user: 'ann' }),
        cipher,
      ),
    );
    expect(problems).toEqual([
      'Unknown variable {{baseUrl}} in the URL (not in environment "Staging")',
      'Unknown variable {{token}} in header Authorization (not in environment "Staging")',
      'Unknown variable {{token}} in the body (not in environment "Staging")',
    ]);
  });

  test('with no active environment the error says so, and the message names the connection', () => {
    expect(() => resolveConnection(connection({ url: '{{baseUrl}}/x' }), null, cipher)).toThrow(
      'Cannot start "Chat": Unknown variable {{baseUrl}} in the URL (no environment is active)',
    );
  });

  test('disabled headers are not sent and their variables do not matter', () => {
    const { request } = resolveConnection(
      connection({
        headers: [
          { name: 'X-Debug', value: '{{missing}}', enabled: false },
          { name: 'X-On', value: '1' },
        ],
      }),
      null,
      cipher,
    );
    expect(request.headers).toEqual({ 'X-On': '1' });
  });

  test('braces that are not a variable name stay as written; values are not expanded again', () => {
    const { request } = resolveConnection(
      connection({ method: 'POST', body: '{"a":{"b":{}}} {{}} {{ not a name }} {{v}}' }),
      environment({ v: '{{v}}' }),
      cipher,
    );
    expect(request.body).toBe('{"a":{"b":{}}} {{}} {{ not a name }} {{v}}');
  });

  test('secret header values and secret variables are decrypted to send and masked to show', () => {
    const env = environment({ token: { secret: true, enc: cipher.encrypt('sk-live-1') }, host: 'api.test' });
    const { request, display } = resolveConnection(
      connection({
        url: 'https://{{host}}/s?key={{token}}',
        headers: [
          { name: 'Authorization', value: 'Bearer {{token}}' },
          { name: 'X-Api-Key', value: { secret: true, enc: cipher.encrypt('k-2') } },
        ],
      }),
      env,
      cipher,
    );
    expect(request.url).toBe('https://api.test/s?key=sk-live-1');
    expect(request.headers).toEqual({ Authorization: 'Bearer sk-live-1', 'X-Api-Key': 'k-2' });
    expect(display.url).toBe(`https://api.test/s?key=${REDACTED}`);
    expect(display.headers).toEqual({ Authorization: `Bearer ${REDACTED}`, 'X-Api-Key': REDACTED });
    expect(JSON.stringify(display)).not.toMatch(/sk-live-1|k-2/);
  });

  test('secrets that cannot be opened are problems, like unknown variables', () => {
    const other = fakeKeychainCipher('another computer');
    const problems = problemsOf(() =>
      resolveConnection(
        connection({
          headers: [
            { name: 'Authorization', value: { secret: true, enc: other.encrypt('x') } },
            { name: 'Cookie', value: { secret: true, omitted: true } },
            { name: 'X-Key', value: '{{key}}' },
          ],
        }),
        environment({ key: { secret: true, enc: cipher.encrypt('k') } }),
        cipher,
      ),
    );
    expect(problems).toEqual([
      expect.stringContaining('The secret value of header Authorization cannot be decrypted (backend: fake keychain)'),
      'The secret value of header Cookie was left out when it was exported; enter it again.',
    ]);
    const locked = problemsOf(() =>
      resolveConnection(
        connection({ headers: [{ name: 'X-Key', value: '{{key}}' }] }),
        environment({ key: { secret: true, enc: 'abc' } }),
        noKeychainCipher('basic_text'),
      ),
    );
    expect(locked).toEqual([
      expect.stringContaining('variable {{key}} is encrypted with the OS keychain, which is not available now (backend: basic_text)'),
    ]);
  });

  test('repeated headers are combined; a body on a GET and a URL that is not one are refused', () => {
    const { request } = resolveConnection(
      connection({
        headers: [
          { name: 'Accept', value: 'a' },
          { name: 'accept', value: 'b' },
          { name: 'Cookie', value: 'x=1' },
          { name: 'cookie', value: 'y=2' },
        ],
      }),
      null,
      cipher,
    );
    expect(request.headers).toEqual({ Accept: 'a, b', Cookie: 'x=1; y=2' });
    expect(problemsOf(() => resolveConnection(connection({ body: 'x' }), null, cipher))).toEqual([
      'A GET request cannot have a body: use POST, or clear the body',
    ]);
    expect(
      problemsOf(() => resolveConnection(connection({ url: '{{base}}/x' }), environment({ base: 'ftp://files.test' }), cipher)),
    ).toEqual(['The URL must start with http:// or https://: ftp://files.test/x']);
  });
});
