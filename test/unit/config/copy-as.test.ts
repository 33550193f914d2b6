// "Copy as cURL" / "Copy as fetch" text for a resolved request: every word quoted so a shell reads
// back exactly what was resolved (checked by parsing the command as bash would), and the request
// the app sends (its default headers, Last-Event-ID, TLS choices) written out.

import { parse } from 'shell-quote';
import { describe, expect, test } from 'vitest';
import { copyRequestAs } from '../../../main/core/config/copy-as.ts';
import type { ResolvedRequest } from '../../../main/core/config/variables.ts';
import { DEFAULT_RECONNECT } from '../../../main/common/reconnect-policy.ts';

function request(fields: Partial<ResolvedRequest> = {}): ResolvedRequest {
  return {
    url: 'https://api.test/v1/chat?stream=true&q=a b',
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: "Bearer it's-a-secret" },
    body: '{"prompt": "Hello $USER, `whoami`"}\n',
    reconnect: { ...DEFAULT_RECONNECT },
    connectTimeoutMs: 10_000,
    idleTimeoutMs: 0,
    limits: { maxLineBytes: 1024, maxEventBytes: 1024 },
    tls: { insecure: false },
    ...fields,
  };
}

/** The words a POSIX shell would pass to curl (line continuations joined first). */
function shellWords(command: string): string[] {
  return parse(command.replace(/\\\n/g, ' ')).map((entry) => {
    if (typeof entry !== 'string') throw new Error(`not a plain word: ${JSON.stringify(entry)}`);
    return entry;
  });
}

describe('copy as cURL', () => {
  test('a shell reads back the URL, method, headers and body exactly, with no expansion of $ or backticks', () => {
    const words = shellWords(copyRequestAs(request({ lastEventId: '41' }), 'curl'));
    expect(words).toEqual([
      'curl',
      '-N',
      'https://api.test/v1/chat?stream=true&q=a b',
      '-X',
      'POST',
      '-H',
      'Accept: text/event-stream',
      '-H',
      'Cache-Control: no-cache',
      '-H',
      'Content-Type: application/json',
      '-H',
      "Authorization: Bearer it's-a-secret",
      '-H',
      'Last-Event-ID: 41',
      '--data-raw',
      '{"prompt": "Hello $USER, `whoami`"}\n',
    ]);
  });

  test('a GET has no -X; a request header overrides a default one by name; TLS choices become options', () => {
    const words = shellWords(
      copyRequestAs(
        request({
          method: 'GET',
          body: undefined,
          headers: { accept: 'application/x-ndjson' },
          tls: { insecure: true, caFile: '/etc/my ca.pem' },
        }),
        'curl',
      ),
    );
    expect(words).not.toContain('-X');
    expect(words.filter((word) => /^accept:/i.test(word))).toEqual(['accept: application/x-ndjson']);
    expect(words.slice(-3)).toEqual(['--insecure', '--cacert', '/etc/my ca.pem']);
  });
});

describe('copy as fetch', () => {
  test('is a fetch() call whose URL, method, headers and body are JSON strings of the request', () => {
    const text = copyRequestAs(request(), 'fetch');
    const call = /^const response = await fetch\((".*?"), (\{[\s\S]*?\n\})\);/.exec(text);
    expect(call).not.toBeNull();
    expect(JSON.parse(call![1]!)).toBe('https://api.test/v1/chat?stream=true&q=a b');
    // The init object is JSON apart from its unquoted keys and trailing commas.
    const init = JSON.parse(call![2]!.replace(/^(\s*)(\w+):/gm, '$1"$2":').replace(/,(\s*[}\]])/g, '$1')) as RequestInit;
    expect(init).toEqual({
      method: 'POST',
      headers: {
        Accept: 'text/event-stream',
        'Cache-Control': 'no-cache',
        'Content-Type': 'application/json',
        Authorization: "Bearer it's-a-secret",
      },
      body: '{"prompt": "Hello $USER, `whoami`"}\n',
    });
  });
});
