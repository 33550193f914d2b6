// A request's tab in Chromium, over a fake api: ready, it says Send and sends nothing; Ctrl+Enter
// sends; beside the timeline the answer, the request as sent (secrets as the main process masked
// them) and the runs. Text selected in the answer marks the rows of the events it came from, and
// a row selected marks the text it added. Two runs ticked are compared side by side.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import type { CaptureAnswerView, CaptureView, SentRequestView, SessionView, SseRecord } from '../../main/contract.ts';
import { answerView, chatChunk, streamRecords } from './support/answers.ts';
import { fakeApi } from './support/fake-api.ts';
import { disposeSessions, mountPanel, sessionView, startSessions } from './support/sessions.ts';

const GREETING = ['Hello', ', world', '! How', ' are you?'].map((piece) => chatChunk(piece));
const RECORDS: SseRecord[] = [...streamRecords([...GREETING, '[DONE]'])];
RECORDS.push({ kind: 'closed', seq: RECORDS.length + 1, time: RECORDS.at(-1)!.time + 1, reason: 'ended' });

const SENT: SentRequestView = {
  state: 'sent',
  method: 'POST',
  url: 'http://127.0.0.1:9/v1/chat?key=••••',
  headers: [
    { name: 'accept', value: 'text/event-stream' },
    { name: 'authorization', value: '••••' },
  ],
  body: '{"stream": true}',
  problem: null,
  response: {
    status: 200,
    headers: { 'content-type': 'text/event-stream' },
    url: 'http://127.0.0.1:9/v1/chat',
    ttfbMs: 40,
    framing: 'sse',
    body: null,
  },
};

function run(id: string, startedAt: number, ttftMs: number): CaptureView {
  return {
    id,
    name: 'Chat',
    connectionId: 'c-1',
    kind: 'request',
    run: {
      status: 200,
      closedReason: 'ended',
      format: 'openai-chat',
      ttfbMs: 40,
      ttftMs,
      durationMs: ttftMs + 300,
      chunks: 5,
      gapMaxMs: 20,
      usage: { input: 10, output: 20, reasoning: null, cached: null },
      outputTokensPerSecond: 50,
      finishReason: 'stop',
      error: null,
    },
    url: 'http://127.0.0.1:9/v1/chat',
    startedAt,
    endedAt: startedAt + 1000,
    recording: false,
    kept: false,
    sizeBytes: 1000,
    records: 7,
  };
}

function requestView(extra: Partial<SessionView> = {}): SessionView {
  return sessionView({
    id: 's-1',
    name: 'Chat',
    connectionId: 'c-1',
    kind: 'request',
    status: 'closed',
    closedReason: 'ended',
    captureId: 'cap-2',
    firstSeq: 1,
    lastSeq: RECORDS.length,
    ...extra,
  });
}

function start(view: SessionView, records: SseRecord[]) {
  const compared = (captureId: string, text: string): CaptureAnswerView => ({
    captureId,
    name: 'Chat',
    startedAt: captureId === 'cap-1' ? 1000 : 2000,
    run: null,
    answer: { ...answerView(RECORDS).answer, text },
    figures: answerView(RECORDS).figures,
  });
  return fakeApi(records, [view], {
    handlers: {
      'sessions:answer': () => (view.captureId ? answerView(RECORDS, { captureId: view.captureId }) : null),
      'sessions:request': () => (view.status === 'ready' ? { ...SENT, state: 'ready', response: null } : SENT),
      'sessions:send': () => ({ ...view, status: 'connecting', captureId: 'cap-3' }),
      'captures:answer': ({ captureId }) => compared(captureId, captureId === 'cap-1' ? 'The earlier answer' : 'The later answer'),
    },
  });
}

function rowMarked(seq: number): boolean {
  const row = page.getByRole('listbox', { name: 'Events' }).getByRole('option', { name: new RegExp(`^Row ${seq}:`) });
  return row.element().querySelector('mark') !== null;
}

afterEach(() => {
  disposeSessions();
  document.getSelection()?.removeAllRanges();
  document.body.replaceChildren();
});

describe("A request's tab", () => {
  it('ready: says Send, shows what will be sent, and sends only when asked (Ctrl+Enter)', async () => {
    const api = start(requestView({ status: 'ready', closedReason: null, captureId: null, firstSeq: 0, lastSeq: 0 }), []);
    const sessions = await startSessions(api);
    await mountPanel(sessions.tabs[0]!);
    await expect.element(page.getByRole('button', { name: 'Send', exact: true })).toBeVisible();
    await expect.element(page.getByText('Not sent yet: Send (Ctrl+Enter) sends the request, once.')).toBeVisible();
    await expect.element(page.getByText(/Send the request \(Ctrl\+Enter\) to see its answer/)).toBeVisible();
    await page.getByRole('tab', { name: 'Request' }).click();
    await expect.element(page.getByRole('heading', { name: 'Request, ready to send' })).toBeVisible();
    expect(api.payloadsOf('sessions:send')).toEqual([]);

    await userEvent.keyboard('{Control>}{Enter}{/Control}');
    await vi.waitFor(() => expect(api.payloadsOf('sessions:send')).toEqual([{ sessionId: 's-1' }]));
  });

  it('shows the answer and the request as sent, secrets masked, with the response', async () => {
    const api = start(requestView(), RECORDS);
    const sessions = await startSessions(api);
    await mountPanel(sessions.tabs[0]!);
    await expect.element(page.getByRole('document', { name: 'Answer text' })).toHaveTextContent('Hello, world! How are you?');
    await expect.element(page.getByRole('button', { name: 'Send again' })).toBeVisible();
    await page.getByRole('tab', { name: 'Request' }).click();
    await expect.element(page.getByRole('heading', { name: 'Request as sent' })).toBeVisible();
    await expect.element(page.getByText('http://127.0.0.1:9/v1/chat?key=••••')).toBeVisible();
    const headers = page.getByRole('table', { name: 'Request headers' });
    await expect.element(headers.getByRole('row', { name: 'authorization ••••' })).toBeVisible();
    await expect.element(page.getByText('read as text/event-stream', { exact: false })).toBeVisible();
  });

  it('selected answer text marks its events in the timeline, and a selected row marks its text', async () => {
    const api = start(requestView(), RECORDS);
    const sessions = await startSessions(api);
    const model = sessions.tabs[0]!;
    await mountPanel(model);
    const text = page.getByRole('document', { name: 'Answer text' });
    await expect.element(text).toHaveTextContent('Hello, world! How are you?');
    await expect.element(page.getByRole('listbox', { name: 'Events' }).getByRole('option').nth(6)).toBeInTheDocument();

    const node = [...text.element().querySelectorAll('p')][0]!.firstChild!;
    const range = document.createRange();
    range.setStart(node, 7); // "world! H"
    range.setEnd(node, 15);
    document.getSelection()!.addRange(range);
    await vi.waitFor(() => expect([...model.answer.selectedSeqs]).toEqual([3, 4]));
    await vi.waitFor(() => expect([2, 3, 4, 5].map(rowMarked)).toEqual([false, true, true, false]));
    // The first of them is selected in the timeline.
    await vi.waitFor(() => expect(model.selected?.seq).toBe(3));

    document.getSelection()!.removeAllRanges();
    await page
      .getByRole('listbox', { name: 'Events' })
      .getByRole('option', { name: /^Row 5:/ })
      .click();
    await vi.waitFor(() => expect([...(CSS.highlights.get('answer-event') ?? [])].map((r) => r.toString())).toEqual([' are you?']));
  });

  it('lists the runs with their figures and compares two side by side', async () => {
    const api = start(requestView(), RECORDS);
    const sessions = await startSessions(api);
    const opened: string[] = [];
    await mountPanel(sessions.tabs[0]!, {
      captures: [run('cap-1', Date.now() - 60_000, 400), run('cap-2', Date.now(), 800), { ...run('feed', 0, 1), kind: 'feed' }],
      onopencapture: (id: string) => opened.push(id),
    });
    await page.getByRole('tab', { name: 'Runs' }).click();
    const table = page.getByRole('region', { name: 'Runs' }).getByRole('table');
    await expect.element(table.getByRole('row')).toHaveLength(3); // the header and the two runs, not the feed
    await expect.element(table.getByRole('row').nth(1)).toHaveTextContent(/200\s*800 ms\s*1\.10 s\s*10 in · 20 out\s*stop/);
    await expect.element(table.getByRole('row').nth(1)).toHaveAttribute('aria-current', 'true');
    await table.getByRole('button', { name: /^Open the run/ }).click();
    expect(opened).toEqual(['cap-1']);

    for (const box of table.getByRole('checkbox').elements()) await userEvent.click(box);
    await page.getByRole('button', { name: 'Compare side by side' }).click();
    const dialog = page.getByRole('dialog', { name: 'Two runs side by side' });
    await expect.element(dialog).toBeVisible();
    const [earlier, later] = dialog.getByRole('region').elements();
    expect(earlier!.textContent).toContain('The earlier answer');
    expect(later!.textContent).toContain('The later answer');
    expect(
      api
        .payloadsOf('captures:answer')
        .map((p) => p.captureId)
        .sort(),
    ).toEqual(['cap-1', 'cap-2']);
  });
});
