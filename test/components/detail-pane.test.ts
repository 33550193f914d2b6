// The detail pane for the selected record: JSON data as a tree whose branches open and close from
// the keyboard, other data as plain text (never markup), the raw fields exactly as stored, the
// response of an open record, and copy buttons whose text reproduces the record.

import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import type { SseRecord } from '../../main/contract.ts';
import DetailPane from '../../renderer/src/components/session/DetailPane.svelte';
import { highlighterFor } from '../../renderer/src/lib/search/text-highlight.ts';
import { eventRecord, openRecord } from './support/records.ts';

const ORDER = '{"order": {"id": "A-17", "items": [{"sku": "x1", "qty": 2}], "paid": true}, "total": 12345678901234567890}';

async function mountDetail(record: SseRecord, query = '') {
  const onclose = vi.fn();
  const screen = await render(DetailPane, { record, matches: undefined, highlighter: highlighterFor(query), idPrefix: 'dp', onclose });
  return { screen, onclose };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('The detail pane', () => {
  it('shows JSON data as a tree whose branches open and close from the keyboard', async () => {
    await mountDetail(eventRecord(4, 'order', ORDER, { id: '4' }));
    const tree = page.getByRole('list', { name: 'Data as JSON' });
    await expect.element(tree).toBeVisible();
    // Numbers as written, not rounded by the engine.
    await expect.element(tree).toHaveTextContent('12345678901234567890');

    const order = tree.getByRole('button', { name: /^"order"/ });
    await expect.element(order).toHaveAttribute('aria-expanded', 'true');
    await expect.element(tree.getByText('"A-17"')).toBeVisible();

    (order.element() as HTMLElement).focus();
    await userEvent.keyboard('{Enter}');
    await expect.element(order).toHaveAttribute('aria-expanded', 'false');
    await expect.element(order).toHaveAccessibleName('"order": {3 keys}');
    await expect.element(tree.getByText('"A-17"')).not.toBeInTheDocument();

    await userEvent.keyboard(' ');
    await expect.element(order).toHaveAttribute('aria-expanded', 'true');
    await expect.element(tree.getByText('"A-17"')).toBeVisible();

    await page.getByRole('button', { name: 'Collapse all' }).click();
    await expect.element(tree.getByRole('button', { name: '{2 keys}' })).toHaveAttribute('aria-expanded', 'false');
    await page.getByRole('button', { name: 'Expand all' }).click();
    await expect.element(tree.getByText('"x1"')).toBeVisible();
  });

  it('opens an LLM chat chunk down to the token, without a click', async () => {
    const chunk =
      '{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1735000000,"model":"small-1","choices":[{"index":0,"delta":{"content":" streaming"},"finish_reason":null}]}';
    await mountDetail(eventRecord(7, 'message', chunk));
    const tree = page.getByRole('list', { name: 'Data as JSON' });
    await expect.element(tree.getByRole('button', { name: /^"delta"/ })).toHaveAttribute('aria-expanded', 'true');
    await expect.element(tree.getByText('" streaming"')).toBeVisible();
  });

  it('shows data that is not JSON as plain text, markup included, creating no element', async () => {
    const { screen } = await mountDetail(eventRecord(1, 'message', 'hello <img src=x onerror="window.__pwned = true"> world\nsecond line'));
    await expect.element(page.getByRole('tabpanel')).toHaveTextContent('hello <img src=x onerror="window.__pwned = true"> world');
    await expect.element(page.getByText('second line', { exact: false })).toBeVisible();
    expect(page.getByRole('list', { name: 'Data as JSON' }).query()).toBeNull();
    expect(screen.container.querySelector('img')).toBeNull();
    expect((window as { __pwned?: boolean }).__pwned).toBeUndefined();
  });

  it('shows the raw fields exactly as stored, line by line, from a tab the arrow keys reach', async () => {
    await mountDetail(eventRecord(2, 'message', 'first \n\nthird'));
    const raw = page.getByRole('tab', { name: 'Raw' });
    const data = page.getByRole('tab', { name: 'Data' });
    await expect.element(data).toHaveAttribute('aria-selected', 'true');
    (data.element() as HTMLElement).focus();
    await userEvent.keyboard('{ArrowRight}');
    await expect.element(raw).toHaveAttribute('aria-selected', 'true');
    await expect.element(raw).toHaveFocus();

    const table = page.getByRole('table', { name: 'Fields of record 2' });
    const valueOf = (name: string) => table.getByRole('row', { name: new RegExp(`^${name} `) }).getByRole('cell');
    await expect.element(valueOf('kind')).toHaveTextContent('"event"');
    // A trailing space and an empty line stay visible.
    await expect.element(valueOf('data line 1')).toHaveTextContent('"first "');
    await expect.element(valueOf('data line 2')).toHaveTextContent('""');
    await expect.element(valueOf('data line 3')).toHaveTextContent('"third"');
    await expect.element(valueOf('id')).toHaveTextContent('(no id field in this block)');
  });

  it('shows an open record as its status, time to first byte and response headers', async () => {
    await mountDetail(openRecord(1, { 'content-type': 'text/event-stream', 'x-request-id': 'r-99' }));
    await expect.element(page.getByText('HTTP 200')).toBeVisible();
    await expect.element(page.getByText('12 ms')).toBeVisible();
    const headers = page.getByRole('table', { name: 'Response headers' });
    await expect.element(headers.getByRole('row', { name: 'x-request-id r-99' })).toBeVisible();
    await expect.element(headers.getByRole('row', { name: 'content-type text/event-stream' })).toBeVisible();
  });

  it('copies the data, the record as JSON, and a text/event-stream block that parses back to it', async () => {
    const copied: string[] = [];
    vi.spyOn(navigator.clipboard, 'writeText').mockImplementation(async (text) => {
      copied.push(text);
    });
    const record = eventRecord(4, 'order', ORDER, { id: '4' });
    await mountDetail(record);

    await page.getByRole('button', { name: 'Copy data' }).click();
    await expect.element(page.getByRole('status').getByText('Copied')).toBeVisible();
    expect(copied[0]).toBe(ORDER);

    await page.getByRole('button', { name: 'Copy as JSON' }).click();
    await vi.waitFor(() => expect(copied).toHaveLength(2));
    expect(JSON.parse(copied[1]!)).toEqual(record);

    await page.getByRole('button', { name: 'Copy as text/event-stream' }).click();
    await vi.waitFor(() => expect(copied).toHaveLength(3));
    const events: EventSourceMessage[] = [];
    createParser({ onEvent: (event) => events.push(event) }).feed(copied[2]!);
    expect(events).toEqual([{ event: 'order', id: '4', data: ORDER }]);
  });

  it('says why copying failed when the browser refuses', async () => {
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new Error('Write permission denied.'));
    vi.spyOn(document, 'execCommand').mockReturnValue(false);
    await mountDetail(eventRecord(1, 'message', 'x'));
    await page.getByRole('button', { name: 'Copy data' }).click();
    await expect.element(page.getByRole('status')).toHaveTextContent('The browser did not allow copying to the clipboard');
  });

  it('closes from its close button', async () => {
    const { onclose } = await mountDetail(eventRecord(1, 'message', 'x'));
    await page.getByRole('button', { name: 'Close detail' }).click();
    expect(onclose).toHaveBeenCalledTimes(1);
  });
});
