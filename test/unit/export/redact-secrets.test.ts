// Which names count as secrets, and how headers and URLs look once redacted.

import { expect, test } from 'vitest';
import { isSecretName, REDACTED, redactHeaders, redactUrl } from '../../../main/core/export/redact-secrets.ts';

test('credential headers and parameters are secret, whatever their case or spelling', () => {
  const secret = [
    'Authorization',
    'proxy-authorization',
    'Cookie',
    'Set-Cookie',
    'X-Api-Key',
    'x-goog-api-key',
    'api_key',
    'apiKey',
    'access_token',
    'X-Auth-Token',
    'X-CSRF-Token',
    'client_secret',
    'clientSecret',
    'password',
    'X-Amz-Signature',
    'X-Amz-Credential',
    'X-Amz-Security-Token',
    'auth',
    'APIKEY',
    'refreshToken',
  ];
  for (const name of secret) expect(isSecretName(name), name).toBe(true);
  const visible = [
    'Accept',
    'Content-Type',
    'Last-Event-ID',
    'keep-alive',
    'x-ratelimit-remaining-tokens',
    'model',
    'channel',
    'monkey-business',
  ];
  for (const name of visible) expect(isSecretName(name), name).toBe(false);
});

test('redactHeaders replaces only the secret values and keeps the names', () => {
  expect(redactHeaders({ Authorization: 'Bearer abc', Accept: 'text/event-stream', 'X-Api-Key': 'k' })).toEqual({
    Authorization: REDACTED,
    Accept: 'text/event-stream',
    'X-Api-Key': REDACTED,
  });
});

test('redactUrl hides user info and secret query values, keeping everything else as written', () => {
  expect(redactUrl('https://user:pass@example.com:8443/a/b?token=t&x=1%202&key=&flag#frag')).toBe(
    'https://••••@example.com:8443/a/b?token=••••&x=1%202&key=••••&flag#frag',
  );
  expect(redactUrl('http://127.0.0.1:3000/stream?api%5Fkey=abc')).toBe('http://127.0.0.1:3000/stream?api%5Fkey=••••');
  expect(redactUrl('http://example.com/stream')).toBe('http://example.com/stream');
  expect(redactUrl('not a url')).toBe('not a url');
});
