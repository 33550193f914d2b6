// The Alerts panel as a support engineer uses it: every alert with its severity, connection, rule,
// what happened and how many matches it stands for, and whether it recovered; acknowledging one
// or all (the main process's push updates the list); a click that shows the alert's record in its
// timeline — a capture no tab shows is reopened, the record selected and its detail open; and in
// browser mode, desktop notifications once the user allowed them.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import type { Alert } from '../../main/contract.ts';
import AlertsPanel from '../../renderer/src/components/monitor/AlertsPanel.svelte';
import { AlertsState } from '../../renderer/src/components/monitor/alerts-state.svelte.ts';
import { BrowserNotifier } from '../../renderer/src/components/monitor/browser-notifier.svelte.ts';
import { fakeApi, type FakeApi } from './support/fake-api.ts';
import { BASE_TIME, eventRecord } from './support/records.ts';
import { disposeSessions, mountPanel, sessionView, startSessions } from './support/sessions.ts';

function alert(extra: Partial<Alert>): Alert {
  return {
    id: 'a-1',
    time: BASE_TIME,
    connectionId: 'c-1',
    connectionName: 'Disks',
    rule: 'Disk alarms',
    ruleId: 'r-1',
    watchdog: null,
    severity: 'critical',
    message: 'event "alarm" #40: disk 1 full',
    preview: 'disk 1 full',
    seq: 40,
    captureId: 'cap-1',
    count: 1,
    acknowledged: false,
    recoveredAt: null,
    recovery: null,
    ...extra,
  };
}

const ALERTS = [
  alert({ id: 'a-3', time: BASE_TIME + 3000, count: 12, message: 'event "alarm" #40: disk 1 full' }),
  alert({
    id: 'a-2',
    time: BASE_TIME + 2000,
    connectionName: 'Prices',
    connectionId: 'c-2',
    rule: 'stale',
    ruleId: null,
    watchdog: 'stale',
    severity: 'warning',
    message: 'No event for 1 min',
    preview: null,
    seq: 7,
    captureId: 'cap-2',
    recoveredAt: BASE_TIME + 250_000,
    recovery: 'Events again after 4 min 12 s',
  }),
];

const started: AlertsState[] = [];

async function mountAlerts(api: FakeApi) {
  const state = new AlertsState(api);
  started.push(state);
  state.start();
  await api.idle();
  const onshow = vi.fn<(alert: Alert) => void>();
  const screen = await render(AlertsPanel, {
    get alerts() {
      return state.list;
    },
    permission: null,
    onallownotifications: () => {},
    onshow,
    onacknowledge: (id: string) => void state.acknowledge(id),
    onacknowledgeall: () => void state.acknowledgeAll(),
  });
  return { state, onshow, screen };
}

const row = (name: RegExp) => page.getByRole('list', { name: 'Alerts list' }).getByRole('listitem').filter({ hasText: name });

afterEach(() => {
  for (const state of started.splice(0)) state.dispose();
  disposeSessions();
  document.body.replaceChildren();
});

describe('The Alerts panel', () => {
  it('lists each alert with its severity, connection, rule, what happened, its count and its state', async () => {
    const api = fakeApi([], [], { alerts: ALERTS });
    await mountAlerts(api);
    await expect.element(page.getByRole('heading', { name: 'Alerts' })).toBeVisible();
    await expect.element(page.getByText('1 open')).toBeVisible();
    const disk = row(/Disk alarms/);
    for (const text of ['Critical', 'Disks', 'event "alarm" #40: disk 1 full', '×12', 'Open'])
      await expect.element(disk).toHaveTextContent(text);
    const stale = row(/Prices/);
    for (const text of ['Warning', 'Stale feed', 'No event for 1 min', 'Events again after 4 min 12 s', 'Recovered'])
      await expect.element(stale).toHaveTextContent(text);
  });

  it('acknowledges one alert, then all, as the main process confirms', async () => {
    const api = fakeApi([], [], { alerts: [...ALERTS, alert({ id: 'a-4', rule: 'Errors', connectionName: 'Orders' })] });
    const { state } = await mountAlerts(api);
    await page.getByRole('button', { name: 'Acknowledge Disk alarms on Disks' }).click();
    await expect.element(row(/Disk alarms/)).toHaveTextContent('Acknowledged');
    await expect.element(page.getByRole('button', { name: 'Acknowledge Disk alarms on Disks' })).not.toBeInTheDocument();
    expect(state.overall).toEqual({ severity: 'critical', count: 1 });

    await page.getByRole('button', { name: 'Acknowledge all' }).click();
    await expect.element(page.getByText('None open')).toBeVisible();
    await expect.element(page.getByRole('button', { name: 'Acknowledge all' })).toBeDisabled();
    expect(state.overall).toBeNull();
    // "Open only" leaves none to show.
    await page.getByLabelText('Open only').click();
    await expect.element(page.getByText('No open alerts.')).toBeVisible();
  });

  it('hands the clicked alert to be shown', async () => {
    const api = fakeApi([], [], { alerts: ALERTS });
    const { onshow } = await mountAlerts(api);
    await row(/Prices/)
      .getByRole('button', { name: /No event for 1 min/ })
      .click();
    expect(onshow).toHaveBeenCalledWith(expect.objectContaining({ id: 'a-2', captureId: 'cap-2', seq: 7 }));
  });
});

describe('Showing an alert’s record', () => {
  const RECORDS = Array.from({ length: 60 }, (_, index) =>
    eventRecord(index + 1, index + 1 === 40 ? 'alarm' : 'tick', `{"n": ${index + 1}}`),
  );

  it('reopens a capture no tab shows, selects the record and opens its detail', async () => {
    const other = sessionView({ id: 's-1', name: 'Orders', captureId: 'cap-9', firstSeq: 1, lastSeq: 60 });
    const capture = sessionView({ id: 's-2', name: 'Disks (capture)', captureId: 'cap-1', firstSeq: 1, lastSeq: 60 });
    const api = fakeApi(RECORDS, [other], { captures: [capture] });
    const sessions = await startSessions(api);
    const model = await sessions.showRecord('cap-1', 40);
    expect(api.payloadsOf('captures:open')).toEqual([{ captureId: 'cap-1' }]);
    expect(sessions.activeId).toBe('s-2');
    expect(model.timeline.focusSeq).toBe(40);

    await mountPanel(model);
    const detail = page.getByRole('region', { name: 'Record detail' });
    await expect.element(detail).toBeVisible();
    await expect.element(detail).toHaveTextContent('alarm');
    const selected = page.getByRole('listbox', { name: 'Events' }).getByRole('option', { selected: true });
    await expect.element(selected).toHaveAccessibleName(/, event alarm[,:]/);
    await expect.element(selected).toBeInViewport();
  });

  it('uses the tab that already shows the capture', async () => {
    const live = sessionView({
      id: 's-5',
      name: 'Disks',
      status: 'open',
      connectionId: 'c-1',
      captureId: 'cap-1',
      firstSeq: 1,
      lastSeq: 60,
    });
    const api = fakeApi(RECORDS, [live]);
    const sessions = await startSessions(api);
    await sessions.showRecord('cap-1', 40);
    expect(api.payloadsOf('captures:open')).toEqual([]);
    expect(sessions.activeId).toBe('s-5');
  });
});

describe('Desktop notifications in browser mode', () => {
  /** The page's Notification class as far as the notifier uses it, recording what it shows. */
  function fakeNotifications(permission: NotificationPermission) {
    const shown: { title: string; body: string }[] = [];
    const Fake = class {
      static permission: NotificationPermission = permission;
      static requestPermission = vi.fn(async (): Promise<NotificationPermission> => (Fake.permission = 'granted'));
      onclick: (() => void) | null = null;
      constructor(title: string, options: { body: string }) {
        shown.push({ title, body: options.body });
      }
    };
    return { Fake, shown };
  }

  it('asks once the user allows, then notifies of raised and repeated alerts only, while Settings has them on', async () => {
    const api = fakeApi([]);
    let notificationsOn = true;
    const call = api.call.bind(api);
    api.call = ((name: string, ...rest: never[]) =>
      name === 'settings:get' ? Promise.resolve({ notifications: notificationsOn }) : call(name as never, ...rest)) as typeof api.call;
    const { Fake, shown } = fakeNotifications('default');
    const notifier = new BrowserNotifier(api, Fake);
    notifier.enabled = true;
    const raised = { change: 'raised' as const, alert: ALERTS[0]!, text: 'event "alarm" #40: disk 1 full' };

    await notifier.notify(raised);
    expect(shown).toEqual([]); // not allowed yet
    await notifier.ask();
    expect(Fake.requestPermission).toHaveBeenCalledOnce();
    expect(notifier.permission).toBe('granted');

    await notifier.notify(raised);
    await notifier.notify({ ...raised, change: 'repeated', text: "11 more matches of 'Disk alarms' in the last minute" });
    await notifier.notify({ ...raised, change: 'counted', text: 'Seen 13 times' });
    await notifier.notify({ ...raised, change: 'acknowledged', text: 'Acknowledged' });
    expect(shown).toEqual([
      { title: 'Critical: Disks — Disk alarms', body: 'event "alarm" #40: disk 1 full' },
      { title: 'Critical: Disks — Disk alarms', body: "11 more matches of 'Disk alarms' in the last minute" },
    ]);

    notificationsOn = false;
    await notifier.notify(raised);
    expect(shown).toHaveLength(2);
  });
});
