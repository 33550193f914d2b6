// A whole session tab over a fake api (the real query parser and matcher behind it): a type chip's
// filter holds while the search text is wrong (the text is reported inline and left out), and a
// reopened capture's numbers, pushed once as it opens, reach its status bar even though its tab
// is drawn after the push.

import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import type { SessionView } from '../../main/contract.ts';
import SessionPanel from '../../renderer/src/components/session/SessionPanel.svelte';
import { disposePanelStates, watchPanelStates } from '../../renderer/src/components/session/session-registry.svelte.ts';
import { appContext } from '../../renderer/src/lib/app-context.ts';
import { fakeApi, type FakeApi } from './support/fake-api.ts';
import { eventRecord } from './support/records.ts';

const RECORDS = [
  eventRecord(1, 'tick', '{"n": 1}'),
  eventRecord(2, 'price', '{"symbol": "ACME", "price": 12.5}'),
  eventRecord(3, 'tick', '{"n": 2}'),
  eventRecord(4, 'price', '{"symbol": "INIT", "price": 3}'),
  eventRecord(5, 'tick', '{"n": 3}'),
];

function sessionView(status: SessionView['status']): SessionView {
  return {
    id: 's-1',
    connectionId: null,
    name: 'Incident',
    url: null,
    status,
    detail: null,
    captureId: 'cap-1',
    paused: false,
    catchingUp: false,
    firstSeq: 1,
    lastSeq: RECORDS.length,
  };
}

async function mountPanel(api: FakeApi, session: SessionView) {
  // The tab's area in the app has a height; the timeline fills it.
  const target = document.body.appendChild(document.createElement('div'));
  target.style.cssText = 'height: 600px; width: 1100px; display: flex; flex-direction: column;';
  return render(SessionPanel, { target, props: { session }, context: appContext(api) });
}

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
  disposePanelStates();
  document.body.replaceChildren();
});

describe('A session tab', () => {
  it('keeps the type chip’s filter while the search text is invalid, saying what is wrong', async () => {
    const api = fakeApi(RECORDS);
    await mountPanel(api, sessionView('offline'));
    const timeline = page.getByRole('listbox', { name: 'Events' });
    await expect.element(timeline.getByRole('option').nth(4)).toBeInTheDocument();

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

  it('shows a reopened capture’s totals from the one push sent as it opened, before its tab existed', async () => {
    const api = fakeApi(RECORDS);
    const session = sessionView('offline');
    watchPanelStates(api);
    api.emit('sessions:changed', [session]);
    const size = RECORDS.reduce((sum, record) => sum + (record.kind === 'event' ? record.size : 0), 0);
    api.emit('session:stats', {
      sessionId: session.id,
      eventsPerSecond: 0,
      bytesPerSecond: 0,
      totalEvents: RECORDS.length,
      totalBytes: size,
      lastEventAt: RECORDS.at(-1)!.time,
      httpStatus: 200,
      ttfbMs: 9,
    });

    await mountPanel(api, session);
    const bar = page.getByRole('group', { name: 'Session status' });
    await expect.element(bar).toHaveTextContent(`${RECORDS.length} events · ${size} B`);
    await expect.element(bar).toHaveTextContent('HTTP 200');
  });
});
