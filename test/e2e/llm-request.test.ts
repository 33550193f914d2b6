// The job most users open SSE Scope for, end to end in Chromium against browser mode: a POST to a
// local OpenAI-shaped model endpoint that streams a Markdown answer token by token. Saved in the
// editor it is a request; selecting it in the sidebar sends nothing; Ctrl+Enter sends it once,
// and the answer is written beside the timeline as Markdown, with the time to the first token
// apart from the time to the first byte. The server counts: after `[DONE]` and its close nothing
// is sent again, not by a reconnect, not by a click in the sidebar; Send again is a second run
// in the run history.

import type { Browser } from 'playwright';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { startFixtureServer, startSse, type FixtureServer } from '../helpers/fixture-server.ts';
import type { AppPage } from './pages/app-page.ts';
import { RequestPage } from './pages/request-page.ts';
import { launchChromium, openApp, type OpenedApp } from './support/browser.ts';
import { expect } from './support/expect.ts';
import { removeDataDir, startScope, type ScopeServer } from './support/scope-server.ts';

const PATH = '/v1/chat/completions';
/** The headers go at once; the first token only after this: TTFT is not TTFB. */
const FIRST_TOKEN_AFTER_MS = 300;
const TOKENS = ['The ', '**answer**', ' is ', '`42`', '.'];

let model: FixtureServer;
let scope: ScopeServer;
let browser: Browser;
let opened: OpenedApp;
let app: AppPage;
let chat: RequestPage;

const sent = () => model.requests.filter((request) => request.path === PATH);

function chunk(delta: object, finishReason: string | null = null, extra: object = {}): string {
  return `data: ${JSON.stringify({ object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: finishReason }], ...extra })}\n\n`;
}

beforeAll(async () => {
  model = await startFixtureServer();
  // An OpenAI-shaped endpoint: the role at once, then the tokens (the first one late), the finish
  // reason with the usage, [DONE], and the response ends.
  model.route(PATH, (_req, res) => {
    startSse(res);
    res.write(chunk({ role: 'assistant', content: '' }));
    const pieces = [
      ...TOKENS.map((token) => chunk({ content: token })),
      chunk({}, 'stop', { usage: { prompt_tokens: 9, completion_tokens: TOKENS.length } }),
      'data: [DONE]\n\n',
    ];
    let next = 0;
    const send = () => {
      if (res.destroyed) return;
      res.write(pieces[next++]);
      if (next === pieces.length) res.end();
      else setTimeout(send, 20);
    };
    setTimeout(send, FIRST_TOKEN_AFTER_MS);
  });
  [scope, browser] = await Promise.all([startScope(), launchChromium()]);
  opened = await openApp(browser, scope.url);
  app = opened.app;
});

afterAll(async () => {
  await browser?.close();
  await scope?.stop();
  await model?.close();
  if (scope) await removeDataDir(scope.dataDir);
});

describe('An LLM request in the browser', () => {
  it('is saved as a request, and selecting it in the sidebar sends nothing', async () => {
    const editor = await app.newConnection();
    await editor.fill({
      name: 'Chat',
      url: `${model.url}${PATH}`,
      method: 'POST',
      headers: [['Content-Type', 'application/json']],
      body: '{"model": "small", "stream": true, "messages": [{"role": "user", "content": "Hi"}]}',
      // What a feed would do after its stream ends: try again after 100 ms. A request must not.
      initialRetryMs: 100,
    });
    await expect(editor.dialog.getByRole('radio', { name: /^Request/ })).toBeChecked();
    await editor.save();

    await app.openConnection('Chat');
    chat = new RequestPage(opened.page, 'Chat');
    await expect(chat.sendButton()).toHaveText('Send');
    await expect(chat.root.getByText('Not sent yet: Send (Ctrl+Enter) sends the request, once.')).toBeVisible();
    await chat.sideTab('Request').click();
    await expect(chat.side.getByRole('heading', { name: 'Request, ready to send' })).toBeVisible();
    await chat.sideTab('Answer').click();
    expect(sent()).toHaveLength(0);
  });

  it('Ctrl+Enter sends it once; the answer is written as Markdown, with its first-token time', async () => {
    await chat.sendWithKeyboard();
    await expect(chat.answerText).toHaveText('The answer is 42.');
    await expect(chat.answerText.locator('strong')).toHaveText('answer');
    await expect(chat.answerText.locator('code')).toHaveText('42');
    await expect(chat.side.getByText('Answer complete · stop')).toBeVisible();

    const ttft = await chat.figure('Time to first token').innerText();
    const ttfb = await chat.figure('Time to first byte').innerText();
    const ms = (text: string) => (text.endsWith(' ms') ? Number(text.slice(0, -3)) : Number(text.slice(0, -2)) * 1000);
    expect(ms(ttft)).toBeGreaterThanOrEqual(FIRST_TOKEN_AFTER_MS * 0.9);
    expect(ms(ttfb)).toBeLessThan(ms(ttft));
    await expect(chat.figure('Output tokens')).toHaveText(String(TOKENS.length));
    await expect(chat.sendButton()).toHaveText('Send again');
    expect(sent()).toHaveLength(1);
    expect(sent()[0]).toMatchObject({ method: 'POST' });
  });

  it('is never sent again on its own: not after [DONE], not by a click in the sidebar', async () => {
    // A feed with these settings would have reconnected about ten times by now.
    await opened.page.waitForTimeout(1_000);
    await app.openConnection('Chat');
    await opened.page.waitForTimeout(500);
    expect(sent()).toHaveLength(1);
    expect(opened.errors).toEqual([]);
  });

  it('Send again is a second run, listed with the first in the run history', async () => {
    await chat.sendButton().click();
    await expect.poll(() => sent().length).toBe(2);
    await expect(chat.side.getByText('Answer complete · stop')).toBeVisible();
    await expect(chat.answerText).toHaveText('The answer is 42.');
    await chat.sideTab('Runs').click();
    await expect(chat.runRows()).toHaveCount(3); // the header and two runs
    await expect(chat.runRows().nth(1)).toHaveAttribute('aria-current', 'true');
    await expect(chat.runRows().nth(2)).toContainText('stop');
    expect(opened.errors).toEqual([]);
  });
});
