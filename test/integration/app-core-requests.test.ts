// Requests and feeds through the app core, against local servers: opening a request sends
// nothing; Send sends it exactly once (no reconnect after `[DONE]` and the server closing), while
// a feed on the same server reconnects; every send is a run with its own capture whose figures
// are written when it ends (the run history); the answer of OpenAI- and Anthropic-shaped streams
// is pushed as it grows ('session:answer') and fetched whole ('sessions:answer'); the request is
// shown as sent with secrets masked; a reopened run shows its answer and request again.

import { afterAll, afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { CaptureView, SessionAnswerView, SessionView } from '../../main/contract.ts';
import { EXPECTED } from '../fixtures/llm/expected-answers.ts';
import { eventually, removeTempFolders, startHarness, type Harness } from '../helpers/app-core-harness.ts';
import { startFixtureServer, startSse, type FixtureServer } from '../helpers/fixture-server.ts';
import { fixtureBytes, framingOf } from '../helpers/llm-streams.ts';
import { fakeKeychainCipher } from '../unit/config/fake-cipher.ts';

let server: FixtureServer;
let app: Harness;

beforeEach(async () => {
  server = await startFixtureServer();
  app = await startHarness({ cipher: fakeKeychainCipher() });
});
afterEach(async () => {
  await app.stop();
  await server.close();
});
afterAll(removeTempFolders);

const CHUNK = (text: string) =>
  `data: ${JSON.stringify({ object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content: text } }] })}\n\n`;

/** A model endpoint: a few OpenAI chat chunks, `[DONE]`, then the server closes the response. */
function chatRoute(path: string): () => number {
  let requests = 0;
  server.route(path, (_req, res) => {
    requests++;
    startSse(res);
    res.write(CHUNK('Hello'));
    res.write(CHUNK(', world'));
    res.end('data: [DONE]\n\n');
  });
  return () => requests;
}

/** Serves a recorded stream's bytes as they are (an NDJSON one as application/x-ndjson), then closes; counts the requests. */
function fixtureRoute(path: string, fixture: string): () => number {
  let requests = 0;
  server.route(path, (_req, res) => {
    requests++;
    if (framingOf(fixture) === 'ndjson') {
      res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      res.flushHeaders();
    } else {
      startSse(res);
    }
    res.end(fixtureBytes(fixture));
  });
  return () => requests;
}

/** How the evidence of each shape names it. */
const EVIDENCE: Record<string, RegExp> = {
  'openai-chat': /an OpenAI chat completion chunk/,
  'openai-responses': /an OpenAI Responses event/,
  anthropic: /an Anthropic Messages event/,
  gemini: /a Gemini response/,
  ollama: /an Ollama response/,
};

async function saveRequest(path: string, extra: Record<string, unknown> = {}) {
  return app.call('connections:save', {
    connection: {
      name: 'Chat',
      url: `${server.url}${path}`,
      method: 'POST',
      body: '{"stream": true}',
      // What a feed would do after its stream ends: try again at once. A request must not.
      reconnect: { initialDelayMs: 20, maxDelayMs: 20 },
      ...extra,
    },
  });
}

const closedView = (sessionId: string) => app.pushes.next('session:state', (view) => view.id === sessionId && view.status === 'closed');
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const runsOf = async (connectionId: string): Promise<CaptureView[]> =>
  (await app.call('captures:list', undefined)).filter((capture) => capture.connectionId === connectionId);

describe('a request', () => {
  test('opening it sends nothing: its tab is ready, showing what Send will send', async () => {
    const requests = chatRoute('/v1/chat');
    const connection = await saveRequest('/v1/chat');
    expect(connection.kind).toBe('request');
    const view = await app.call('sessions:open', { connectionId: connection.id });
    expect(view).toMatchObject({ status: 'ready', kind: 'request', captureId: null, lastSeq: 0 });
    expect(await app.call('sessions:request', { sessionId: view.id })).toMatchObject({
      state: 'ready',
      method: 'POST',
      url: `${server.url}/v1/chat`,
      body: '{"stream": true}',
      response: null,
    });
    expect(await app.call('sessions:answer', { sessionId: view.id })).toBeNull();
    await wait(300);
    expect(requests()).toBe(0);
    expect(server.requests).toHaveLength(0);
    // Nothing was recorded either: no empty capture for a request only looked at.
    expect(await runsOf(connection.id)).toEqual([]);
  });

  test('Send sends it exactly once: after [DONE] and the server closing it is never sent again', async () => {
    const requests = chatRoute('/v1/chat');
    const connection = await saveRequest('/v1/chat');
    const { id } = await app.call('sessions:open', { connectionId: connection.id });
    const sent = await app.call('sessions:send', { sessionId: id });
    expect(sent.captureId).not.toBeNull();
    const closed = await closedView(id);
    expect(closed.closedReason).toBe('ended');
    // A feed with these settings would have reconnected about 100 times in these 2 s.
    await wait(2_000);
    expect(requests()).toBe(1);
    expect((await app.call('sessions:list', undefined)).find((view) => view.id === id)).toMatchObject({ status: 'closed' });
  });

  test('the same endpoint as a feed reconnects after its stream ends', async () => {
    const requests = chatRoute('/v1/chat');
    const connection = await saveRequest('/v1/chat', { kind: 'feed' });
    const view = await app.call('sessions:open', { connectionId: connection.id });
    expect(view.kind).toBe('feed');
    await eventually(async () => requests() >= 3, 'three requests from the feed');
    await app.call('sessions:disconnect', { sessionId: view.id });
  });

  test('each send is a run with its own capture; its figures are written when it ends', async () => {
    chatRoute('/v1/chat');
    const connection = await saveRequest('/v1/chat');
    const { id } = await app.call('sessions:open', { connectionId: connection.id });
    const first = await app.call('sessions:send', { sessionId: id });
    await closedView(id);
    app.pushes.clear();
    const second = await app.call('sessions:send', { sessionId: id });
    expect(second.captureId).not.toBe(first.captureId);
    // The new run's timeline starts over.
    const counts = await app.call('records:counts', { sessionId: id });
    expect(counts.total).toBeLessThan(6);
    await closedView(id);

    let runs: CaptureView[] = [];
    await eventually(async () => (runs = await runsOf(connection.id)).filter((run) => run.run !== null).length === 2, 'two runs');
    expect(runs.map((run) => run.id).sort()).toEqual([first.captureId, second.captureId].sort());
    for (const run of runs) {
      expect(run).toMatchObject({ kind: 'request', recording: false });
      expect(run.run).toMatchObject({ status: 200, closedReason: 'ended', format: 'openai-chat', chunks: 3, error: null });
      expect(run.run!.ttftMs).toBeGreaterThanOrEqual(run.run!.ttfbMs!);
      expect(run.run!.durationMs).toBeGreaterThanOrEqual(run.run!.ttftMs!);
    }
    expect(server.requests).toHaveLength(2);
  });

  test('Stop ends a run that is going; its capture keeps what came and says it was stopped', async () => {
    server.route('/slow', (_req, res) => {
      startSse(res);
      res.write(CHUNK('Thinking'));
    });
    const connection = await saveRequest('/slow');
    const { id } = await app.call('sessions:open', { connectionId: connection.id });
    await app.call('sessions:send', { sessionId: id });
    await app.pushes.next('session:answer', (push) => push.sessionId === id && push.answer.text === 'Thinking');
    await app.call('sessions:disconnect', { sessionId: id });
    await closedView(id);
    await eventually(async () => (await runsOf(connection.id))[0]?.run?.closedReason === 'closed', 'the stopped run recorded');
    expect(server.requests).toHaveLength(1);
  });

  test('sending again while a run is going stops it, and it is listed as stopped with what it got', async () => {
    server.route('/slow', (_req, res) => {
      startSse(res);
      res.write(CHUNK('Thinking'));
    });
    const connection = await saveRequest('/slow');
    const { id } = await app.call('sessions:open', { connectionId: connection.id });
    const first = await app.call('sessions:send', { sessionId: id });
    await app.pushes.next('session:answer', (push) => push.captureId === first.captureId && push.answer.text === 'Thinking');
    const second = await app.call('sessions:send', { sessionId: id });
    expect(second.captureId).not.toBe(first.captureId);
    let runs: CaptureView[] = [];
    await eventually(
      async () => (runs = await runsOf(connection.id)).some((run) => run.id === first.captureId && run.run),
      'the first run',
    );
    expect(runs.find((run) => run.id === first.captureId)!.run).toMatchObject({ closedReason: 'closed', chunks: 1, status: 200 });
    expect(server.requests).toHaveLength(2);
  });
});

describe('the answer, pushed as it grows', () => {
  // Every provider's shape, sent by a POST and detected (not set): OpenAI chat (text and reasoning,
  // tool calls), OpenAI Responses, Anthropic, Gemini, and Ollama's NDJSON body.
  const shapes = EXPECTED.filter((expected) =>
    ['openai-chat.sse', 'openai-chat-tools.sse', 'openai-responses.sse', 'anthropic.sse', 'gemini.sse', 'ollama.ndjson'].includes(
      expected.fixture,
    ),
  );

  test.each(shapes)(
    '$fixture: merged live and fetched whole, with its figures, sent once',
    async ({ fixture, format, answer: expected }) => {
      const requests = fixtureRoute('/model', fixture);
      const connection = await saveRequest('/model');
      expect(connection.llmFormat).toBe('auto');
      const { id } = await app.call('sessions:open', { connectionId: connection.id });
      const sent = await app.call('sessions:send', { sessionId: id });
      await closedView(id);
      const final = await app.pushes.next(
        'session:answer',
        (push) => push.sessionId === id && push.figures.durationMs !== null && push.answer.ended,
      );
      const answer = final.answer;
      expect(final.captureId).toBe(sent.captureId);
      expect(final.setting).toBe('auto');
      expect(answer).toMatchObject({ ...expected, format, malformedCount: 0 });
      expect(answer.detection).toMatchObject({ by: 'auto' });
      expect(answer.detection.evidence).toMatch(EVIDENCE[format]!);
      expect(final.figures).toMatchObject({ status: 200, finishReason: expected.finishReason, usage: expected.usage });
      const open = await app.call('sessions:request', { sessionId: id });
      expect(open?.response?.framing).toBe(framingOf(fixture));
      expect(final.figures.ttftMs).toBeGreaterThanOrEqual(final.figures.ttfbMs!);
      // The pushes came in batches, not one per event.
      const pushes = app.pushes.of('session:answer').filter((push) => push.sessionId === id);
      expect(pushes.length).toBeLessThan(final.figures.chunks);
      // A tab opened later fetches the same.
      const fetched = (await app.call('sessions:answer', { sessionId: id })) as SessionAnswerView;
      expect(fetched.answer.text).toBe(expected.text);
      expect(fetched.figures).toEqual(final.figures);
      // The server closed the response after the end marker: the request was not sent again.
      expect(requests()).toBe(1);
    },
  );

  test('a new format setting merges the answer again, for the run on show', async () => {
    fixtureRoute('/model', 'openai-chat.sse');
    const connection = await saveRequest('/model');
    const { id } = await app.call('sessions:open', { connectionId: connection.id });
    await app.call('sessions:send', { sessionId: id });
    await closedView(id);
    const saved = await app.call('connections:set-llm-format', { id: connection.id, llmFormat: 'jsonpath:$.model' });
    expect(saved.llmFormat).toBe('jsonpath:$.model');
    const rebuilt = await app.pushes.next('session:answer', (push) => push.sessionId === id && push.setting === 'jsonpath:$.model');
    expect(rebuilt.answer.format).toBe('jsonpath');
    expect(rebuilt.answer.text).toMatch(/^(deepseek-reasoner)+$/);
    await expect(app.call('connections:set-llm-format', { id: connection.id, llmFormat: 'jsonpath:$.[' })).rejects.toThrow(/JSON path/);
  });

  test('a reopened run shows its answer and its request again; another run is read for comparing', async () => {
    fixtureRoute('/model', 'anthropic.sse');
    const connection = await saveRequest('/model');
    const { id } = await app.call('sessions:open', { connectionId: connection.id });
    const first = await app.call('sessions:send', { sessionId: id });
    await closedView(id);
    await app.call('sessions:send', { sessionId: id });
    await closedView(id);

    const compared = await app.call('captures:answer', { captureId: first.captureId! });
    expect(compared.answer?.text).toBe(EXPECTED.find((e) => e.fixture === 'anthropic.sse')!.answer.text);
    expect(compared.figures?.chunks).toBeGreaterThan(0);

    app.pushes.clear();
    const reopened = await app.call('captures:open', { captureId: first.captureId! });
    expect(reopened).toMatchObject({ status: 'offline', kind: 'request' });
    const answer = await app.pushes.next('session:answer', (push) => push.sessionId === reopened.id);
    expect(answer.answer).toMatchObject({ format: 'anthropic', ended: true });
    expect(await app.call('sessions:request', { sessionId: reopened.id })).toMatchObject({
      state: 'sent',
      method: 'POST',
      body: '{"stream": true}',
      response: { status: 200, framing: 'sse' },
    });
  });

  test('a feed with no format named is no LLM stream: it gets no answer', async () => {
    const requests = chatRoute('/v1/chat');
    const connection = await app.call('connections:save', { connection: { name: 'Ticks', url: `${server.url}/v1/chat` } });
    const view: SessionView = await app.call('sessions:open', { connectionId: connection.id });
    await eventually(async () => requests() >= 1, 'the feed connected');
    await eventually(async () => (await app.call('records:counts', { sessionId: view.id })).byKind.event >= 3, 'events');
    expect(await app.call('sessions:answer', { sessionId: view.id })).toBeNull();
    expect(app.pushes.of('session:answer')).toEqual([]);
    await app.call('sessions:disconnect', { sessionId: view.id });
  });
});

describe('the request as sent', () => {
  test('variables filled in, a secret header and a secret variable in the URL masked, the response beside it', async () => {
    server.route('/v1/chat', (_req, res) => {
      startSse(res, { 'x-request-id': 'req-42', 'set-cookie': 'session=abcdef123456' });
      res.end(`${CHUNK('ok')}data: [DONE]\n\n`);
    });
    const env = await app.call('environments:save', {
      environment: {
        name: 'Local',
        variables: [
          { name: 'base', value: server.url },
          { name: 'apiKey', value: { secret: true, value: 'key-in-the-url-9876' } },
        ],
      },
    });
    await app.call('environments:activate', { id: env.id });
    const connection = await app.call('connections:save', {
      connection: {
        name: 'Chat',
        url: '{{base}}/v1/chat?key={{apiKey}}&model=small',
        method: 'POST',
        headers: [
          { name: 'Authorization', value: { secret: true, value: 'Bearer sk-secret-header-1234' } },
          { name: 'Content-Type', value: 'application/json' },
        ],
        // The header's secret repeated in the body is masked there too.
        body: '{"stream": true, "note": "sk-secret-header-1234"}',
      },
    });
    const { id } = await app.call('sessions:open', { connectionId: connection.id });
    const ready = await app.call('sessions:request', { sessionId: id });
    expect(JSON.stringify(ready)).not.toMatch(/sk-secret-header-1234|key-in-the-url-9876/);

    await app.call('sessions:send', { sessionId: id });
    await closedView(id);
    // The server got the real values.
    expect(server.requests[0]).toMatchObject({ path: '/v1/chat', method: 'POST' });
    expect(server.requests[0]!.headers.authorization).toBe('Bearer sk-secret-header-1234');

    const sent = (await app.call('sessions:request', { sessionId: id }))!;
    expect(JSON.stringify(sent)).not.toMatch(/sk-secret-header-1234|key-in-the-url-9876|abcdef123456/);
    expect(sent).toMatchObject({
      state: 'sent',
      method: 'POST',
      url: `${server.url}/v1/chat?key=••••&model=small`,
      body: '{"stream": true, "note": "••••"}',
      problem: null,
    });
    expect(sent.headers).toEqual([
      { name: 'accept', value: 'text/event-stream' },
      { name: 'cache-control', value: 'no-cache' },
      { name: 'authorization', value: '••••' },
      { name: 'content-type', value: 'application/json' },
    ]);
    expect(sent.response).toMatchObject({ status: 200, ttfbMs: expect.any(Number), framing: 'sse' });
    expect(sent.response!.headers).toMatchObject({ 'x-request-id': 'req-42', 'set-cookie': '••••' });
  });

  test('a request that cannot be resolved says why before it is sent', async () => {
    const connection = await saveRequest('/v1/chat', { url: '{{nowhere}}/v1/chat' });
    await app.call('environments:activate', { id: null });
    const error = await app.call('sessions:open', { connectionId: connection.id }).catch((caught: Error) => caught);
    expect(String(error)).toMatch(/Unknown variable \{\{nowhere\}\}/);
  });
});
