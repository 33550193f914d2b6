// The status bar under a session: a labelled group screen readers can find, an events/s sparkline
// centred in the bar (a steady rate drawn through the middle of its box, not along its top edge)
// that says what it shows and its peak, a line even from the first sample, and the totals of a
// saved capture (events and bytes) with no rate, since nothing arrives there; "Catching up" while
// live delivery is behind the stream.

import { describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import type { SessionStatsView, SessionView } from '../../main/contract.ts';
import StatusBar from '../../renderer/src/components/session/StatusBar.svelte';

function sessionView(status: SessionView['status'], extra: Partial<SessionView> = {}): SessionView {
  return {
    id: 's-1',
    connectionId: status === 'offline' ? null : 'c-1',
    kind: status === 'offline' ? null : 'feed',
    name: 'Feed',
    url: null,
    status,
    detail: null,
    closedReason: null,
    captureId: 'cap-1',
    paused: false,
    catchingUp: false,
    lastSeq: 40,
    firstSeq: 1,
    ...extra,
  };
}

function statsView(extra: Partial<SessionStatsView> = {}): SessionStatsView {
  return {
    sessionId: 's-1',
    eventsPerSecond: 5,
    bytesPerSecond: 400,
    totalEvents: 120,
    totalBytes: 9_600,
    lastEventAt: Date.now(),
    httpStatus: 200,
    ttfbMs: 12,
    ...extra,
  };
}

/** One sample a second for the last `seconds`, all at `rate`. */
function steady(seconds: number, rate: number) {
  const now = Date.now();
  return Array.from({ length: seconds }, (_, i) => ({ at: now - (seconds - 1 - i) * 1000, eventsPerSecond: rate }));
}

function rectOf(element: Element): DOMRect {
  return element.getBoundingClientRect();
}

describe('The status bar', () => {
  it('is a group named "Session status"', async () => {
    await render(StatusBar, { session: sessionView('open'), stats: statsView(), history: steady(5, 5) });
    const bar = page.getByRole('group', { name: 'Session status' });
    await expect.element(bar).toBeVisible();
    await expect.element(bar).toHaveTextContent('HTTP 200');
    await expect.element(bar).toHaveTextContent('120 events · 9.4 KB');
  });

  it('draws a steady rate through the middle of the bar, and names the peak', async () => {
    await render(StatusBar, { session: sessionView('open'), stats: statsView(), history: steady(20, 5) });
    const bar = page.getByRole('group', { name: 'Session status' }).element();
    const sparkline = page.getByRole('img', { name: 'Events per second over the last minute, peak 5' });
    await expect.element(sparkline).toBeVisible();
    const svg = sparkline.element();
    const line = svg.querySelector('polyline')!;
    expect(line).not.toBeNull();

    const barBox = rectOf(bar);
    const svgBox = rectOf(svg);
    const lineBox = rectOf(line);
    // The sparkline's box is centred in the bar...
    expect(Math.abs(svgBox.top + svgBox.height / 2 - (barBox.top + barBox.height / 2))).toBeLessThanOrEqual(1.5);
    // ...and the steady line runs inside it, below its top edge, within the bar's middle half.
    expect(lineBox.top - svgBox.top).toBeGreaterThanOrEqual(2);
    const lineMiddle = lineBox.top + lineBox.height / 2;
    expect(lineMiddle).toBeGreaterThan(barBox.top + barBox.height / 4);
    expect(lineMiddle).toBeLessThan(barBox.bottom - barBox.height / 4);
    expect(lineBox.width).toBeGreaterThan(svgBox.width / 4);
  });

  it('shows a line as soon as the first sample comes', async () => {
    await render(StatusBar, { session: sessionView('connecting'), stats: statsView({ eventsPerSecond: 2 }), history: steady(1, 2) });
    const svg = page.getByRole('img', { name: /^Events per second over the last minute, peak 2$/ }).element();
    const line = svg.querySelector('polyline');
    expect(line).not.toBeNull();
    expect(rectOf(line!).width).toBeGreaterThanOrEqual(6);
  });

  it('says "Catching up" while the main process says live delivery is behind, and not otherwise', async () => {
    const screen = await render(StatusBar, { session: sessionView('open', { catchingUp: true }), stats: statsView(), history: [] });
    const bar = page.getByRole('group', { name: 'Session status' });
    await expect.element(bar.getByRole('status')).toHaveTextContent('Catching up');
    await screen.rerender({ session: sessionView('open'), stats: statsView(), history: [] });
    await expect.element(bar).not.toHaveTextContent('Catching up');
  });

  it('shows a saved capture’s totals, bytes included, and no rate', async () => {
    const stats = statsView({ eventsPerSecond: 0, bytesPerSecond: 0, totalEvents: 1_500, totalBytes: 90_000 });
    await render(StatusBar, { session: sessionView('offline'), stats, history: [], storedEvents: 1_500 });
    const bar = page.getByRole('group', { name: 'Session status' });
    await expect.element(bar).toHaveTextContent('Saved capture');
    await expect.element(bar).toHaveTextContent('1,500 events · 88 KB');
    await expect.element(bar).not.toHaveTextContent('ev/s');
    expect(page.getByRole('img', { name: /Events per second/ }).query()).toBeNull();
  });
});
