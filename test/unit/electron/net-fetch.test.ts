// The Electron HTTP client (main/electron/net-fetch.ts) over a fake net.request that behaves as
// Electron documents its ClientRequest: 'response' with an IncomingMessage (a Node Readable),
// 'redirect' in manual mode, 'error', abort(). What the engine gets back: the real 3xx for a
// redirect, the body as a web stream that stops the request when cancelled, and aborts that stop
// the request. The real network stack is exercised by test/electron/app.e2e.test.ts.

import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import type { ClientRequest, ClientRequestConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import type { FetchRequestInit, FetchResponseLike } from '../../../main/core/sse/fetch-types.ts';
import { bodyStream, createNetFetchFor, netFetch, redirectResponse } from '../../../main/electron/net-fetch.ts';

class FakeRequest extends EventEmitter {
  headers: Record<string, string> = {};
  written: string[] = [];
  ended = false;
  aborted = false;
  constructor(readonly options: ClientRequestConstructorOptions) {
    super();
  }
  setHeader(name: string, value: string): void {
    if (/[\s:]/.test(name)) throw new Error(`Invalid header name: '${name}'`);
    this.headers[name] = value;
  }
  write(chunk: string): void {
    this.written.push(chunk);
  }
  end(): void {
    this.ended = true;
  }
  abort(): void {
    this.aborted = true;
    this.message?.destroy();
  }
  message: PassThrough | undefined;
  /** The server answers: status, headers, and a body stream the test writes to. */
  respond(statusCode: number, headers: Record<string, string | string[]>, statusMessage = 'OK'): PassThrough {
    const message = Object.assign(new PassThrough(), { statusCode, statusMessage, headers });
    this.message = message;
    this.emit('response', message);
    return message;
  }
}

const SESSION = { partition: 'fake' } as unknown as NonNullable<ClientRequestConstructorOptions['session']>;

function setup() {
  const requests: FakeRequest[] = [];
  const fetch = netFetch(
    (options) => {
      const request = new FakeRequest(options);
      requests.push(request);
      return request as unknown as ClientRequest;
    },
    () => SESSION,
  );
  const last = () => requests.at(-1)!;
  return { fetch, requests, last };
}

function init(overrides: Partial<FetchRequestInit> = {}): FetchRequestInit {
  return { method: 'GET', headers: {}, redirect: 'manual', signal: new AbortController().signal, ...overrides };
}

async function text(response: FetchResponseLike): Promise<string> {
  return new Response(response.body).text();
}

describe('netFetch', () => {
  it('sends the method, headers and body in the session, without following redirects or using the cache', async () => {
    const { fetch, last } = setup();
    const pending = fetch(
      'http://127.0.0.1:9/chat',
      init({
        method: 'POST',
        headers: { authorization: 'Bearer secret', 'content-type': 'application/json' },
        body: '{"prompt":"hi"}',
      }),
    );
    expect(last().options).toMatchObject({
      url: 'http://127.0.0.1:9/chat',
      method: 'POST',
      session: SESSION,
      redirect: 'manual',
      credentials: 'omit',
      cache: 'no-store',
    });
    expect(last().headers).toEqual({ authorization: 'Bearer secret', 'content-type': 'application/json' });
    expect(last().written).toEqual(['{"prompt":"hi"}']);
    expect(last().ended).toBe(true);
    last().respond(200, { 'content-type': 'text/event-stream' }).end('data: hello\n\n');
    const response = await pending;
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    expect(await text(response)).toBe('data: hello\n\n');
  });

  it('answers a redirect with the real 3xx response and stops the request', async () => {
    const { fetch, last } = setup();
    const pending = fetch('http://127.0.0.1:9/old', init());
    last().emit('redirect', 307, 'GET', 'http://127.0.0.1:9/new', { location: ['/new'], 'x-why': ['moved'] });
    const response = await pending;
    expect(response.status).toBe(307);
    expect(response.statusText).toBe('Temporary Redirect');
    expect(response.headers.get('location')).toBe('/new');
    expect(response.headers.get('x-why')).toBe('moved');
    expect(response.body).toBeNull();
    expect(response.url).toBe('http://127.0.0.1:9/old');
    expect(last().aborted).toBe(true);
  });

  it('rejects with the network error', async () => {
    const { fetch, last } = setup();
    const pending = fetch('http://127.0.0.1:9/', init());
    last().emit('error', new Error('net::ERR_CONNECTION_REFUSED'));
    await expect(pending).rejects.toThrow('net::ERR_CONNECTION_REFUSED');
  });

  it('rejects a header the network stack refuses, before anything is sent', async () => {
    const { fetch, last } = setup();
    await expect(fetch('http://127.0.0.1:9/', init({ headers: { 'bad name': 'x' } }))).rejects.toThrow(/Invalid header name/);
    expect(last().ended).toBe(false);
  });

  it('refuses, by name, a header Chromium would fail the request for, and leaves Content-Length to Chromium', async () => {
    const { fetch, requests } = setup();
    const refused: Record<string, string>[] = [
      { Host: 'api.example.com' },
      { 'Proxy-Authorization': 'Basic x' },
      { connection: 'Upgrade' },
    ];
    for (const headers of refused) {
      await expect(fetch('http://127.0.0.1:9/', init({ headers }))).rejects.toThrow(
        `does not let a request set the ${Object.keys(headers)[0]} header`,
      );
    }
    expect(requests).toHaveLength(0);

    const pending = fetch(
      'http://127.0.0.1:9/',
      init({ method: 'POST', body: 'x', headers: { 'Content-Length': '999', connection: 'keep-alive' } }),
    );
    expect(requests[0]!.headers).toEqual({ connection: 'keep-alive' });
    requests[0]!.respond(204, {}, 'No Content');
    expect((await pending).status).toBe(204);
  });

  it('rejects with the TLS profile error when the session cannot be set up', async () => {
    const fetch = netFetch(
      () => {
        throw new Error('should not be called');
      },
      () => {
        throw new Error('Cannot read the CA file /nowhere.pem: ENOENT');
      },
    );
    await expect(fetch('https://127.0.0.1:9/', init())).rejects.toThrow('Cannot read the CA file /nowhere.pem');
  });

  it('an abort before the response stops the request and rejects with the reason', async () => {
    const { fetch, last } = setup();
    const controller = new AbortController();
    const pending = fetch('http://127.0.0.1:9/', init({ signal: controller.signal }));
    controller.abort(new Error('closed by the user'));
    await expect(pending).rejects.toThrow('closed by the user');
    expect(last().aborted).toBe(true);
  });

  it('an abort while the body streams stops the request and errors the body with the reason', async () => {
    const { fetch, last } = setup();
    const controller = new AbortController();
    const pending = fetch('http://127.0.0.1:9/', init({ signal: controller.signal }));
    last().respond(200, { 'content-type': 'text/event-stream' }).write('data: 1\n\n');
    const reader = (await pending).body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('data: 1\n\n');
    controller.abort(new Error('disconnect'));
    await expect(reader.read()).rejects.toThrow('disconnect');
    expect(last().aborted).toBe(true);
  });

  it('a bodiless status has a null body and frees the request', async () => {
    const { fetch, last } = setup();
    const pending = fetch('http://127.0.0.1:9/', init());
    last().respond(204, {}, 'No Content');
    const response = await pending;
    expect(response.status).toBe(204);
    expect(response.body).toBeNull();
    expect(last().aborted).toBe(true);
  });

  it('keeps repeated headers: set-cookie values one by one, others as Electron joined them', async () => {
    const { fetch, last } = setup();
    const pending = fetch('http://127.0.0.1:9/', init());
    last()
      .respond(401, { 'set-cookie': ['a=1', 'b=2'], 'www-authenticate': 'Bearer, Basic' }, 'Unauthorized')
      .end();
    const response = await pending;
    expect(response.status).toBe(401);
    expect(response.statusText).toBe('Unauthorized');
    expect((response.headers as Headers).getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(response.headers.get('www-authenticate')).toBe('Bearer, Basic');
  });

  it('fetchFor asks for the session of the connection’s TLS options at each request', async () => {
    const asked: unknown[] = [];
    const fetchFor = createNetFetchFor(
      (options) => {
        const request = new FakeRequest(options);
        setImmediate(() => request.respond(200, {}).end());
        return request as unknown as ClientRequest;
      },
      (tls) => {
        asked.push(tls);
        return SESSION;
      },
    );
    const fetch = fetchFor({ caFile: '/ca.pem' });
    await fetch('https://127.0.0.1:9/', init());
    await fetch('https://127.0.0.1:9/', init());
    expect(asked).toEqual([{ caFile: '/ca.pem' }, { caFile: '/ca.pem' }]);
  });
});

describe('redirectResponse', () => {
  it('falls back to the URL Chromium resolved when the headers hold no Location (an HSTS upgrade)', () => {
    const response = redirectResponse('http://example.com/', 307, 'https://example.com/', { 'non-authoritative-reason': ['HSTS'] });
    expect(response.headers.get('location')).toBe('https://example.com/');
  });
});

describe('bodyStream', () => {
  const signal = () => new AbortController().signal;

  it('pauses the network read while a chunk waits, and resumes when read', async () => {
    const message = new PassThrough();
    const reader = bodyStream(message, () => {}, signal()).getReader();
    message.write('a');
    message.write('b');
    await new Promise((resolve) => setImmediate(resolve));
    expect(message.isPaused()).toBe(true);
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('a');
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('b');
    message.end();
    expect((await reader.read()).done).toBe(true);
  });

  it('cancelling the body stops the request', async () => {
    const message = new PassThrough();
    let aborted = false;
    const body = bodyStream(message, () => (aborted = true), signal());
    await body.cancel();
    expect(aborted).toBe(true);
    expect(message.destroyed).toBe(true);
  });

  it('a connection closed before the body ended is an error, not a clean end', async () => {
    const message = new PassThrough();
    const reader = bodyStream(message, () => {}, signal()).getReader();
    message.write('data: par');
    await reader.read();
    message.destroy();
    await expect(reader.read()).rejects.toThrow('The connection closed before the response ended');
  });

  it('a network error mid-body errors the stream with it', async () => {
    const message = new PassThrough();
    const reader = bodyStream(message, () => {}, signal()).getReader();
    message.destroy(new Error('net::ERR_CONNECTION_RESET'));
    await expect(reader.read()).rejects.toThrow('net::ERR_CONNECTION_RESET');
  });
});
