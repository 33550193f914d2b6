// A whole session tab over a fake api (the real query parser and matcher behind it), drawn from
// the model the sessions state made for it: a type chip's filter holds while the search text is
// wrong (the text is reported inline and left out), and the rows are as tall as the scroll
// geometry counts them.

import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { ROW_HEIGHT } from '../../renderer/src/lib/timeline/scroll-space.ts';
import { fakeApi } from './support/fake-api.ts';
import { eventRecord } from './support/records.ts';
import { disposeSessions, mountPanel, sessionView, startSessions } from './support/sessions.ts';

const RECORDS = [
  eventRecord(1, 'tick', '{"n": 1}'),
  eventRecord(2, 'price', '{"symbol": "ACME", "price": 12.5}'),
  eventRecord(3, 'tick', '{"n": 2}'),
  eventRecord(4, 'price', '{"symbol": "INIT", "price": 3}'),
  eventRecord(5, 'tick', '{"n": 3}'),
];

/** The type column of every row the timeline shows. */
async function shownTypes(): Promise<string[]> {
  const rows = page.getByRole('listbox', { name: 'Events' }).getByRole('option');
  return rows.elements().map((row) => row.getAttribute('aria-label') ?? '');
}

function frames(count: number): Promise<void> {
  return new Promise((resolve) => {
    const step = (left: number) => (left === 0 ? resolve() : requestAnimationFrame(() => step(left - 1)));
    step(count);
  });
}

afterEach(() => {
  disposeSessions();
  document.body.replaceChildren();
});

describe('A session tab', () => {
  it('keeps the type chip’s filter while the search text is invalid, saying what is wrong', async () => {
    const api = fakeApi(RECORDS, [sessionView({ firstSeq: 1, lastSeq: RECORDS.length })]);
    const sessions = await startSessions(api);
    await mountPanel(sessions.tabs[0]!);
    const timeline = page.getByRole('listbox', { name: 'Events' });
    await expect.element(timeline.getByRole('option').nth(4)).toBeInTheDocument();
    for (const row of timeline.getByRole('option').elements()) expect(row.getBoundingClientRect().height).toBe(ROW_HEIGHT);

    await page.getByRole('button', { name: /^price/ }).click();
    await expect.poll(() => shownTypes().then((labels) => labels.length)).toBe(2);

    const box = page.getByRole('searchbox', { name: 'Search events' });
    await box.fill('/ACME(/');
    await expect.element(page.getByRole('alert')).toHaveTextContent(/regex|regular expression/i);
    await expect.element(box).toHaveAttribute('aria-invalid', 'true');
    // The bad text is left out: the timeline still shows the two price events, not all five.
    await expect.poll(() => api.payloadsOf('records:search').at(-1)?.query).toBe('type:price');
    await frames(2); // what the answer changed is drawn
    const labels = await shownTypes();
    expect(labels).toHaveLength(2);
    for (const label of labels) expect(label).toMatch(/price/);

    // Fixed, the text narrows the chip's result again.
    await box.fill('/ACME/');
    await expect.poll(() => shownTypes().then((shown) => shown.length)).toBe(1);
    await expect.element(page.getByRole('alert')).not.toBeInTheDocument();
  });

  it('takes a scroll event that arrives after its tab was switched away without an error', async () => {
    // A tab switch unmounts the panel; a scroll the browser had already queued for the old
    // timeline still fires on the detached element.
    const api = fakeApi(RECORDS, [sessionView({ firstSeq: 1, lastSeq: RECORDS.length })]);
    const sessions = await startSessions(api);
    const panel = await mountPanel(sessions.tabs[0]!);
    const scroller = page.getByRole('listbox', { name: 'Events' }).element();
    const errors: unknown[] = [];
    const onError = (event: ErrorEvent) => {
      errors.push(event.error);
      event.preventDefault();
    };
    window.addEventListener('error', onError);
    try {
      panel.unmount();
      scroller.dispatchEvent(new Event('scroll'));
      await frames(2);
    } finally {
      window.removeEventListener('error', onError);
    }
    expect(errors).toEqual([]);
  });
});
