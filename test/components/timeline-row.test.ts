// A timeline row as a user reads it: receive time, gap to the previous row, kind, event type, id,
// size and a one-line preview of the data; comments and errors look different from events; and
// whatever the data holds, it is shown as text.

import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import type { SseRecord } from '../../main/contract.ts';
import { ROW_HEIGHT } from '../../renderer/src/lib/timeline/scroll-space.ts';
import type { TimelineRowView } from '../../renderer/src/lib/timeline/timeline-state.svelte.ts';
import RowList from './harness/RowList.svelte';
import { BASE_TIME, commentRecord, errorRecord, eventRecord } from './support/records.ts';

function rowsOf(records: SseRecord[], deltas: (number | null)[] = []): TimelineRowView[] {
  return records.map((record, index) => ({
    index,
    record,
    state: 'ok',
    delta: deltas[index] ?? null,
    y: index * ROW_HEIGHT,
    selected: false,
    focused: false,
  }));
}

/** The cells of a row, as the user sees them left to right. */
function cellsOf(row: HTMLElement): string[] {
  return [...row.children].map((cell) => (cell as HTMLElement).innerText);
}

describe('A timeline row', () => {
  it('shows time, delta, kind, type, id, size and a one-line preview', async () => {
    const event = eventRecord(1, 'price', '{"symbol": "ACME",\n  "price": 12.5}', { id: '7', time: BASE_TIME, size: 1536 });
    await render(RowList, { rows: rowsOf([event], [1500]) });
    const row = page.getByRole('option');
    await expect.element(row).toBeVisible();
    // 14:03:07.042 is the local receive time; the preview has the line break collapsed.
    expect(cellsOf(row.element() as HTMLElement)).toEqual([
      '14:03:07.042',
      '+1.50 s',
      'event',
      'price',
      '7',
      '1.5 KB',
      '{"symbol": "ACME", "price": 12.5}',
    ]);
  });

  it('is an option a screen reader reads as one sentence, with its place in the list', async () => {
    const records = [eventRecord(1, 'tick', 'one'), eventRecord(2, 'tick', 'two', { id: '2', time: BASE_TIME, size: 29 })];
    await render(RowList, { rows: rowsOf(records, [null, 12]) });
    const second = page.getByRole('option', { name: /^Row 2:/ });
    await expect.element(second).toHaveAccessibleName('Row 2: 14:03:07.042, event tick, id 2, 29 B: two');
    await expect.element(second).toHaveAttribute('aria-posinset', '2');
    await expect.element(second).toHaveAttribute('aria-setsize', '2');
    await expect.element(second).toHaveTextContent('+12 ms');
  });

  it('sets comment and error rows apart from events', async () => {
    const records = [
      eventRecord(1, 'tick', 'data'),
      commentRecord(2, 'keep-alive'),
      errorRecord(3, 'Connection refused', { retryInMs: 3000 }),
    ];
    await render(RowList, { rows: rowsOf(records) });
    const [event, comment, error] = [1, 2, 3].map(
      (n) => page.getByRole('option', { name: new RegExp(`^Row ${n}:`) }).element() as HTMLElement,
    );
    const previewOf = (row: HTMLElement) => getComputedStyle(row.lastElementChild!);

    expect(cellsOf(comment!)).toContain('comment');
    expect(cellsOf(comment!)).toContain('keep-alive');
    expect(previewOf(comment!).fontStyle).toBe('italic');
    expect(previewOf(event!).fontStyle).toBe('normal');

    expect(cellsOf(error!)).toContain('error');
    expect(error!.innerText).toContain('Connection refused · retry in 3.0 s');
    expect(getComputedStyle(error!).backgroundColor).not.toBe(getComputedStyle(event!).backgroundColor);
    expect(previewOf(error!).color).not.toBe(previewOf(event!).color);
  });

  it('shows markup in the data as text and creates no element from it', async () => {
    const hostile = '<img src=x onerror="window.__pwned = true"><b>bold</b><script>window.__pwned = true</script>';
    const { container } = await render(RowList, { rows: rowsOf([eventRecord(1, 'message', hostile)]) });
    const row = page.getByRole('option');
    await expect.element(row).toHaveTextContent('<img src=x onerror="window.__pwned = true"><b>bold</b>');
    expect(container.querySelector('img, b, script')).toBeNull();
    // An image that failed to load would have run its handler by now.
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50)));
    expect((window as { __pwned?: boolean }).__pwned).toBeUndefined();
  });

  it('keeps a long or many-line data to one line of the row height the scroll geometry counts with', async () => {
    const long = Array.from({ length: 200 }, (_, i) => `line ${i}`).join('\n');
    await render(RowList, { rows: rowsOf([eventRecord(1, 'log', long)]) });
    const row = page.getByRole('option').element() as HTMLElement;
    expect(row.getBoundingClientRect().height).toBe(ROW_HEIGHT);
    const preview = row.lastElementChild as HTMLElement;
    expect(preview.innerText).not.toContain('\n');
    expect(preview.innerText.startsWith('line 0 line 1 line 2')).toBe(true);
  });
});
