// The one owner of the session pushes, as a user meets it in the tabs: what is pushed for a
// session before its tab is drawn is there when it is; a closed tab's model is let go and pushes
// that come after the close do not bring it back; a tab nobody sees holds no rows (they are fetched
// when it is shown); and a session that failed shows the error dot from its view alone, with no
// further command.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import type { SessionStatsView } from '../../main/contract.ts';
import TabBar from '../../renderer/src/components/TabBar.svelte';
import type { SessionsState } from '../../renderer/src/components/session/sessions-state.svelte.ts';
import { fakeApi } from './support/fake-api.ts';
import { eventRecord } from './support/records.ts';
import { disposeSessions, mountPanel, sessionView, startSessions } from './support/sessions.ts';

const RECORDS = [eventRecord(1, 'tick', '{"n": 1}'), eventRecord(2, 'tick', '{"n": 2}'), eventRecord(3, 'tick', '{"n": 3}')];

function statsView(sessionId: string, extra: Partial<SessionStatsView> = {}): SessionStatsView {
  return {
    sessionId,
    eventsPerSecond: 0,
    bytesPerSecond: 0,
    totalEvents: RECORDS.length,
    totalBytes: RECORDS.reduce((sum, record) => sum + (record.kind === 'event' ? record.size : 0), 0),
    lastEventAt: RECORDS.at(-1)!.time,
    httpStatus: 200,
    ttfbMs: 9,
    ...extra,
  };
}

function renderTabs(sessions: SessionsState) {
  return render(TabBar, {
    tabs: sessions.tabs,
    activeId: sessions.activeId,
    panelId: 'panel',
    onactivate: (id: string) => sessions.activate(id),
    onclose: (id: string) => void sessions.close(id),
    onmove: (id: string, index: number) => sessions.moveTo(id, index),
  });
}

const tabIds = (sessions: SessionsState) => sessions.tabs.map((model) => model.id);

afterEach(() => {
  disposeSessions();
  document.body.replaceChildren();
});

describe('The sessions state', () => {
  it('keeps what is pushed for a session before its tab is drawn', async () => {
    const api = fakeApi(RECORDS);
    const sessions = await startSessions(api);
    // A reopened capture: its tab is announced, and its numbers pushed once, before any panel exists.
    const capture = sessionView({ id: 's-7', firstSeq: 1, lastSeq: RECORDS.length });
    api.emit('sessions:changed', [capture]);
    api.emit('session:stats', statsView('s-7'));
    // A live one in the background: its records are counted as new on its tab.
    const live = sessionView({ id: 's-8', name: 'Prices', connectionId: 'c-1', status: 'open', captureId: 'cap-2' });
    api.emit('sessions:changed', [capture, live]);
    api.emit('session:records', { sessionId: 's-8', records: RECORDS, skipped: null });

    expect(tabIds(sessions)).toEqual(['s-7', 's-8']);
    await renderTabs(sessions);
    await expect.element(page.getByRole('tab', { name: 'Prices' })).toHaveAccessibleDescription('Open. 3 new records');

    await mountPanel(sessions.active!);
    const bar = page.getByRole('group', { name: 'Session status' });
    await expect.element(bar).toHaveTextContent(`${RECORDS.length} events · ${statsView('s-7').totalBytes} B`);
    await expect.element(bar).toHaveTextContent('HTTP 200');
    // Drawing the tab asked for nothing to catch up with: the list once, at start.
    expect(api.payloadsOf('sessions:list')).toHaveLength(1);
  });

  it('lets go of a closed tab’s model, and pushes that come after the close do not bring it back', async () => {
    const first = sessionView({ id: 's-1', name: 'Orders', connectionId: 'c-1', status: 'open' });
    const second = sessionView({ id: 's-2', name: 'Prices', connectionId: 'c-2', status: 'open', captureId: 'cap-2' });
    const api = fakeApi(RECORDS, [first, second]);
    const sessions = await startSessions(api);
    expect(tabIds(sessions)).toEqual(['s-1', 's-2']);
    const closing = sessions.tabs[0]!;
    const dispose = vi.spyOn(closing, 'dispose');

    await sessions.close('s-1');
    expect(api.payloadsOf('sessions:dispose')).toEqual([{ sessionId: 's-1' }]);
    expect(dispose).toHaveBeenCalledOnce();
    expect(tabIds(sessions)).toEqual(['s-2']);
    expect(sessions.activeId).toBe('s-2');

    // Sent before the main process carried out the close.
    api.emit('session:records', { sessionId: 's-1', records: RECORDS, skipped: null });
    api.emit('session:stats', statsView('s-1'));
    api.emit('session:state', { ...first, status: 'closed', closedReason: 'closed' });
    api.emit('sessions:changed', [first, second]);
    expect(tabIds(sessions)).toEqual(['s-2']);
    expect(closing.stats.latest).toBeNull();
    expect(closing.unread).toBe(0);
    expect(closing.view.status).toBe('open');
  });

  it('keeps no rows for a tab nobody sees, and fetches them when its tab is shown', async () => {
    const shown = sessionView({ id: 's-1', name: 'Orders', connectionId: 'c-1', status: 'open' });
    const behind = sessionView({ id: 's-2', name: 'Prices', connectionId: 'c-2', status: 'open', captureId: 'cap-2' });
    const api = fakeApi(RECORDS, [shown, behind]);
    const sessions = await startSessions(api);
    const background = sessions.tabs[1]!;
    api.emit('session:records', { sessionId: 's-2', records: RECORDS, skipped: null });

    // Counted on its tab and in its timeline's length, but held nowhere in the page.
    expect(background.range.count).toBe(RECORDS.length);
    expect(RECORDS.map((record) => background.range.recordBySeq(record.seq))).toEqual([undefined, undefined, undefined]);
    expect(api.payloadsOf('records:range')).toEqual([]);

    sessions.activate('s-2');
    await mountPanel(background);
    const rows = page.getByRole('listbox', { name: 'Events' }).getByRole('option');
    await expect.element(rows.nth(2)).toHaveAccessibleName(/^Row 3: .*, event tick, /);
    expect(api.payloadsOf('records:range').map((payload) => payload.sessionId)).toContain('s-2');
    // Shown, it keeps what arrives live.
    const next = eventRecord(4, 'tick', '{"n": 4}');
    api.emit('session:records', { sessionId: 's-2', records: [next], skipped: null });
    expect(background.range.recordBySeq(4)).toEqual(next);
    await expect.element(rows.nth(3)).toHaveAccessibleName(/^Row 4: .*, event tick, /);
  });

  it('shows the error dot of a session that failed, from its view alone', async () => {
    // One failed before the page loaded; the other is open, and fails while the page watches.
    const failed = sessionView({
      id: 's-1',
      name: 'Orders',
      connectionId: 'c-1',
      status: 'closed',
      closedReason: 'failed',
      detail: 'HTTP 401 Unauthorized',
    });
    const open = sessionView({ id: 's-2', name: 'Prices', connectionId: 'c-2', status: 'open', captureId: 'cap-2' });
    const ended = sessionView({
      id: 's-3',
      name: 'Report',
      connectionId: 'c-3',
      status: 'closed',
      closedReason: 'ended',
      captureId: 'cap-3',
    });
    const api = fakeApi(RECORDS, [failed, open, ended]);
    const sessions = await startSessions(api);
    await renderTabs(sessions);

    await expect.element(page.getByRole('tab', { name: 'Orders' })).toHaveAccessibleDescription('Error. HTTP 401 Unauthorized');
    await expect.element(page.getByRole('tab', { name: 'Report' })).toHaveAccessibleDescription('Closed');
    await expect.element(page.getByRole('tab', { name: 'Prices' })).toHaveAccessibleDescription('Open');
    api.emit('session:state', { ...open, status: 'closed', closedReason: 'failed', detail: 'The connection failed' });
    await expect.element(page.getByRole('tab', { name: 'Prices' })).toHaveAccessibleDescription('Error. The connection failed');

    // Nothing but what a page asks as it loads (the list, the saved tab order, each tab's numbers):
    // the dot came from the views alone.
    expect(api.calls.map((call) => call.name).filter((name) => name !== 'sessions:stats')).toEqual(['sessions:list', 'workspace:get']);
  });
});
