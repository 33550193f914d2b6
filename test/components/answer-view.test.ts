// The answer view beside the timeline, in Chromium: the answer as Markdown (code monospaced) or,
// toggled, as plain text; reasoning apart and collapsible; tool calls pretty-printed, flagged when
// their arguments are not JSON; the figures with time to first token apart from time to first
// byte and a stall flagged; the model's error; and selection both ways: text selected in the
// answer names the events it came from, an event selected in the timeline marks its text.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import type { SessionAnswerView } from '../../main/contract.ts';
import AnswerView from '../../renderer/src/components/llm/AnswerView.svelte';
import { AnswerState } from '../../renderer/src/components/llm/answer-state.svelte.ts';
import { answerView, chatChunk, streamRecords } from './support/answers.ts';
import { fakeApi } from './support/fake-api.ts';

async function mount(view: SessionAnswerView, options: { selectedSeq?: number | null; connectionId?: string | null } = {}) {
  const api = fakeApi([]);
  const answer = new AnswerState(api, view.sessionId, view.captureId);
  answer.apply(view);
  const onjump = vi.fn<(seq: number) => void>();
  const onselectevents = vi.fn<(seqs: number[]) => void>();
  const screen = await render(AnswerView, {
    answer,
    selectedSeq: options.selectedSeq ?? null,
    connectionId: options.connectionId === undefined ? 'c-1' : options.connectionId,
    emptyText: 'Nothing yet',
    live: false,
    idPrefix: 'av',
    onjump,
    onselectevents,
  });
  return { api, answer, onjump, onselectevents, screen };
}

/** Selects [start, end) of the first text node under `element`. */
function selectText(element: Element, text: string): void {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.textContent!.indexOf(text);
    if (at < 0) continue;
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + text.length);
    const selection = document.getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
    return;
  }
  throw new Error(`"${text}" is not shown`);
}

function marked(): string[] {
  const highlight = CSS.highlights.get('answer-event');
  return highlight ? [...highlight].map((range) => range.toString()) : [];
}

afterEach(() => {
  document.getSelection()?.removeAllRanges();
  document.body.replaceChildren();
});

const GREETING = ['Hello', ', world', '! How', ' are you?'].map((piece) => chatChunk(piece));

describe('The answer view', () => {
  it('renders the answer as Markdown, code monospaced, and as plain text when toggled', async () => {
    const source = ['# Plan', '', 'Use **bold** and a list:', '', '- one', '- two', '', '```js', 'const x = 1;', '```'];
    const chunks = source.map((line, index) => chatChunk(index === 0 ? line : `\n${line}`));
    await mount(answerView(streamRecords([...chunks, '[DONE]'])));
    const text = page.getByRole('document', { name: 'Answer text' });
    await expect.element(text.getByRole('heading', { name: 'Plan' })).toBeVisible();
    await expect.element(text.getByRole('listitem').nth(1)).toHaveTextContent('two');
    expect(text.element().querySelector('strong')?.textContent).toBe('bold');
    const code = text.element().querySelector('pre code')!;
    expect(code.textContent).toBe('const x = 1;\n');
    expect(getComputedStyle(code).fontFamily).toMatch(/mono/i);
    await expect.element(page.getByRole('status')).toHaveTextContent('Answer complete');

    await page.getByRole('button', { name: 'Plain text' }).click();
    await expect.element(page.getByRole('button', { name: 'Plain text' })).toHaveAttribute('aria-pressed', 'true');
    const plain = page.getByLabelText('Answer text');
    await expect.element(plain).toHaveTextContent('Use **bold** and a list:');
    expect(plain.element().tagName).toBe('PRE');
    expect(plain.element().querySelector('strong')).toBeNull();
  });

  it('says which shape it was read as and why, and offers to change it', async () => {
    await mount(answerView(streamRecords(GREETING)));
    await expect.element(page.getByText(/Read as OpenAI chat, detected: event 2 has choices\[\]/)).toBeVisible();
    await expect.element(page.getByLabelText('Stream format')).toHaveValue('auto');
  });

  it('shows the reasoning apart, and folds it away', async () => {
    const chunks = [chatChunk(null, { reasoning: 'First think' }), chatChunk(null, { reasoning: ', then answer.' }), ...GREETING];
    await mount(answerView(streamRecords(chunks)));
    const reasoning = page.getByLabelText('Reasoning', { exact: true });
    await expect.element(reasoning).toBeVisible();
    await expect.element(reasoning).toHaveTextContent('First think, then answer.');
    await expect.element(page.getByLabelText('Answer text')).not.toHaveTextContent('think');
    const summary = reasoning.element().closest('details')!.querySelector('summary')!;
    expect(summary.textContent).toMatch(/^Reasoning/);
    await userEvent.click(summary);
    await expect.element(reasoning).not.toBeVisible();
    await userEvent.click(summary);
    await expect.element(reasoning).toBeVisible();
  });

  it('pretty-prints tool call arguments and flags those that are not JSON', async () => {
    const call = (index: number, fields: object) =>
      JSON.stringify({ object: 'chat.completion.chunk', choices: [{ index: 0, delta: { tool_calls: [{ index, ...fields }] } }] });
    const chunks = [
      call(0, { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":' } }),
      call(0, { function: { arguments: ' "Paris", "unit": "c"}' } }),
      call(1, { id: 'call_2', type: 'function', function: { name: 'get_time', arguments: '{"zone": "Europe/Os' } }),
    ];
    const { onjump } = await mount(answerView(streamRecords(chunks)));
    const calls = page.getByRole('list', { name: 'Tool calls' });
    await expect.element(calls.getByRole('listitem')).toHaveLength(2);
    expect(page.getByLabelText('Arguments of get_weather').element().textContent).toBe('{\n  "city": "Paris",\n  "unit": "c"\n}');
    await expect.element(calls.getByRole('listitem').nth(0)).not.toHaveTextContent('not valid JSON');
    await expect.element(calls.getByRole('listitem').nth(1).getByRole('note')).toHaveTextContent('arguments are not valid JSON');
    // Shown as sent when it is not JSON.
    expect(page.getByLabelText('Arguments of get_time').element().textContent).toBe('{"zone": "Europe/Os');
    await calls.getByRole('button', { name: 'events 2–3' }).click();
    expect(onjump).toHaveBeenCalledWith(2);
  });

  it('shows the figures: time to first token apart from time to first byte, gaps with a stall flagged, usage', async () => {
    const usage = JSON.stringify({
      object: 'chat.completion.chunk',
      choices: [{ index: 0, delta: {}, finish_reason: 'stop' }],
      usage: { prompt_tokens: 12, completion_tokens: 30, completion_tokens_details: { reasoning_tokens: 4 } },
    });
    // Request sent at BASE_TIME - 40 ms, headers at BASE_TIME, the first token 100 ms later; then a 1.5 s stall.
    await mount(answerView(streamRecords([...GREETING, usage, '[DONE]'], [20, 20, 1500, 20, 20, 20])));
    const figures = page.getByLabelText('Stream figures');
    await expect.element(figures).toBeVisible();
    const figure = (name: string) =>
      [...figures.element().querySelectorAll('div')].find((div) => div.querySelector('dt')?.textContent === name)!;
    expect(figure('Time to first token').textContent).toContain('140 ms');
    expect(figure('Time to first byte').textContent).toContain('40 ms');
    expect(figure('Finish reason').textContent).toContain('stop');
    expect(figure('Output tokens').textContent).toMatch(/30.*4 reasoning/s);
    expect(figure('Input tokens').textContent).toContain('12');
    const gaps = figure('Gap between chunks');
    expect(gaps.textContent).toContain('1.50 s');
    expect(gaps.textContent).toContain('stall');
    expect(gaps.classList.contains('stall')).toBe(true);
  });

  it('shows an error the model sent as an error, and events it could not use', async () => {
    const chunks = [
      chatChunk('Partial'),
      '{"choices": [',
      JSON.stringify({ error: { message: 'Rate limit reached', type: 'rate_limit' } }),
    ];
    const { onjump } = await mount(answerView(streamRecords(chunks)));
    await expect.element(page.getByRole('alert')).toHaveTextContent('The model sent an error:');
    await expect.element(page.getByRole('alert')).toHaveTextContent('Rate limit reached');
    await page.getByText('1 event could not be used').click();
    await page.getByRole('button', { name: 'Event 3' }).click();
    expect(onjump).toHaveBeenCalledWith(3);
  });

  it('shows several choices apart', async () => {
    const chunks = [
      chatChunk('Red', { index: 0 }),
      chatChunk('Blue', { index: 1 }),
      chatChunk(' apple.', { index: 0, finish: 'stop' }),
      chatChunk(' sky.', { index: 1, finish: 'length' }),
    ];
    await mount(answerView(streamRecords(chunks)));
    await expect.element(page.getByRole('region', { name: 'Choice 0' })).toHaveTextContent('Red apple.');
    await expect.element(page.getByRole('region', { name: 'Choice 1' })).toHaveTextContent('Blue sky.');
    await expect.element(page.getByRole('heading', { name: 'Choice 1 · length' })).toBeVisible();
  });
});

describe('Selection between the answer and the timeline', () => {
  it('plain text: the selected text names exactly the events that sent it', async () => {
    const { answer, onselectevents } = await mount(answerView(streamRecords(GREETING)));
    answer.mode = 'plain';
    const text = page.getByLabelText('Answer text');
    await expect.element(text).toHaveTextContent('Hello, world! How are you?');
    selectText(text.element(), 'world! H');
    await vi.waitFor(() => expect([...answer.selectedSeqs]).toEqual([3, 4]));
    expect(onselectevents).toHaveBeenLastCalledWith([3, 4]);
    selectText(text.element(), 'you');
    await vi.waitFor(() => expect([...answer.selectedSeqs]).toEqual([5]));
  });

  it('Markdown: a rendered word maps back through the markup to its event', async () => {
    const chunks = ['Use ', '**bold**', ' text &amp; more'].map((piece) => chatChunk(piece));
    const { answer } = await mount(answerView(streamRecords(chunks)));
    const text = page.getByRole('document', { name: 'Answer text' });
    await expect.element(text).toHaveTextContent('Use bold text & more');
    selectText(text.element(), 'bold');
    await vi.waitFor(() => expect([...answer.selectedSeqs]).toEqual([3]));
    selectText(text.element(), 'Use');
    await vi.waitFor(() => expect([...answer.selectedSeqs]).toEqual([2]));
  });

  it('the event selected in the timeline marks the text it added, in either mode', async () => {
    const { screen, answer } = await mount(answerView(streamRecords(GREETING)), { selectedSeq: 3 });
    await expect.element(page.getByLabelText('Answer text')).toBeVisible();
    await vi.waitFor(() => expect(marked()).toEqual([', world']));
    await screen.rerender({ selectedSeq: 5 });
    await vi.waitFor(() => expect(marked()).toEqual([' are you?']));
    answer.mode = 'plain';
    await vi.waitFor(() => expect(marked()).toEqual([' are you?']));
    await screen.rerender({ selectedSeq: null });
    await vi.waitFor(() => expect(marked()).toEqual([]));
  });

  it('an event that added reasoning marks it in the reasoning', async () => {
    const chunks = [chatChunk(null, { reasoning: 'Think' }), chatChunk(null, { reasoning: ' twice' }), ...GREETING];
    await mount(answerView(streamRecords(chunks)), { selectedSeq: 3 });
    await vi.waitFor(() => expect(marked()).toEqual([' twice']));
  });
});
