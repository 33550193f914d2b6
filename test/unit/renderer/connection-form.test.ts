// The connection editor's form model: a saved connection becomes fields and goes back unchanged
// (secrets included), and what it hands to connections:save is what the main process accepts.

import { describe, expect, it } from 'vitest';
import { SavedConnectionSchema, ConnectionInputSchema } from '../../../main/common/config-schema.ts';
import { bodyProblem, formFromConnection, headerRow, inputFromForm, validateForm } from '../../../renderer/src/lib/connection-form.ts';

const saved = SavedConnectionSchema.parse({
  id: '7d7e4c57-52b4-4ad6-9d4e-2d9f6d1f5a10',
  kind: 'request',
  name: 'Orders',
  url: 'https://api.example.com/orders?since={{since}}&limit=50',
  method: 'SUBSCRIBE',
  headers: [
    { name: 'Authorization', value: { secret: true, enc: 'c2VjcmV0' } },
    { name: 'X-Trace', value: '1', enabled: false },
  ],
  body: '{"q": 1}',
  reconnect: { initialDelayMs: 500, maxDelayMs: 8000, resetAfterMs: 1234, retryHttpErrors: true },
  timeouts: { connectMs: 5000, idleMs: 60000 },
  limits: { maxLineBytes: 1024, maxEventBytes: 2048 },
  llmFormat: 'openai-chat',
  // Set in other places than the editor (the watchdog by the monitor): kept as they are.
  watchdog: { enabled: true, staleAfterSec: 30 },
  tls: { insecure: true, caFile: '/etc/ssl/ca.pem' },
  auth: { type: 'apiKey', name: 'X-API-Key', value: { secret: true, enc: 'a2V5' }, in: 'header' },
  disabledParams: [{ name: 'debug', value: '1' }],
  folder: 'Shop/Orders',
  tags: ['prod', 'billing'],
});

describe('connection form', () => {
  it('gives back a saved connection unchanged when nothing was edited', () => {
    const form = formFromConnection(saved);
    expect(form.customMethod).toBe(true);
    expect(form.headers[0]).toMatchObject({ name: 'Authorization', value: '', secret: true });
    const input = ConnectionInputSchema.parse(inputFromForm(form, saved));
    const { id: _id, ...rest } = saved;
    expect(input).toEqual(rest);
  });

  it('replaces a stored secret only when a new value is typed', () => {
    const form = formFromConnection(saved);
    form.headers[0]!.value = 'Bearer new';
    expect(inputFromForm(form, saved).headers![0]!.value).toEqual({ secret: true, value: 'Bearer new' });
  });

  it('builds a new connection that the main process accepts, leaving blank header rows out', () => {
    const form = formFromConnection(null);
    form.name = ' Chat ';
    form.url = '{{baseUrl}}/v1/chat';
    form.method = 'post';
    form.headers = [headerRow('Content-Type', 'application/json'), headerRow()];
    form.tags = 'llm, , llm, demo';
    expect(validateForm(form)).toEqual({});
    const input = inputFromForm(form, null);
    expect(input).toMatchObject({ name: 'Chat', method: 'POST', tags: ['llm', 'demo'], body: undefined });
    expect(input.headers).toHaveLength(1);
    expect(() => ConnectionInputSchema.parse(input)).not.toThrow();
  });

  it('explains each problem in words', () => {
    const form = formFromConnection(null);
    form.url = 'ftp://example.com';
    form.method = 'GET IT';
    form.headers = [headerRow('Bad Name', 'x')];
    form.initialDelayMs = -1;
    form.idleTimeoutMs = null;
    expect(validateForm(form)).toEqual({
      name: 'Name is required.',
      url: 'URL must start with http:// or https://, or with a {{variable}}.',
      method: 'Method must be one word, such as GET or POST.',
      headers: 'Header name "Bad Name" cannot contain spaces or colons.',
      initialDelayMs: 'Enter a whole number of milliseconds (0 or more).',
      idleTimeoutMs: 'Enter a whole number of milliseconds (0 or more).',
    });
  });

  it('checks the body as JSON only when the request says JSON or the body looks like it', () => {
    const form = formFromConnection(null);
    form.body = 'not json';
    expect(bodyProblem(form)).toBeNull();
    form.headers = [headerRow('content-type', 'application/json')];
    expect(bodyProblem(form)).toMatch(/^Body is not valid JSON: .+ \(line 1\)$/);
    form.headers[0]!.enabled = false;
    expect(bodyProblem(form)).toBeNull();
  });
});
