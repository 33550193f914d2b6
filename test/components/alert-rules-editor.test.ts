// The connection editor's "Monitoring and alerts" section as a user fills it in: a rule's query
// gets the search bar's own message (the same parser), with a caret under the place it points at,
// while it is typed; a save is held back until it is fixed; and what "Save" hands over carries the
// rules (kept ids included), the watchdog's thresholds and the monitor switch.

import { describe, expect, it, vi } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import type { ConnectionInput } from '../../main/contract.ts';
import { ConnectionInputSchema, SavedConnectionSchema } from '../../main/common/config-schema.ts';
import ConnectionEditor from '../../renderer/src/components/ConnectionEditor.svelte';

type SaveCall = [id: string | undefined, input: ConnectionInput, connect: boolean];

const RULE_ID = '4a0d3c83-4a70-4c1e-9f55-3c2b8f6e1a01';
const SAVED = SavedConnectionSchema.parse({
  id: 'f6d6c1f4-2f3c-4d8e-8b0a-0b7a4b3e9c11',
  kind: 'feed',
  name: 'Orders',
  url: 'https://api.example.com/orders',
  alerts: [{ id: RULE_ID, name: 'Errors', query: 'data.level=error', severity: 'critical' }],
  watchdog: { enabled: true, staleAfterSec: 120 },
});

async function mountEditor(connection: typeof SAVED | null = null) {
  const onsave = vi.fn<(...args: SaveCall) => Promise<void>>(() => Promise.resolve());
  await render(ConnectionEditor, {
    connection,
    environments: [],
    activeEnvironmentId: null,
    onsave,
    onclose: () => {},
    onenvironmentchange: () => {},
    onmanageenvironments: () => {},
  });
  return { onsave };
}

const save = () => page.getByRole('button', { name: 'Save', exact: true }).click();

describe('Alert rules in the connection editor', () => {
  it('explains a query that does not parse, as the search bar does, while it is typed', async () => {
    await mountEditor();
    await page.getByRole('button', { name: 'Add alert rule' }).click();
    const query = page.getByLabelText('Rule 1 query');
    await query.fill('kind:nope');
    await expect.element(query).toHaveAttribute('aria-invalid', 'true');
    await expect
      .element(query)
      .toHaveAccessibleDescription(/^Unknown kind "nope" \(kinds: event, comment, retry, open, error, reconnect, closed\)/);
    // The caret sits under the place the message points at: "nope", at position 5.
    await expect.element(page.getByText('kind:nope', { exact: true })).toBeVisible();
    await expect.element(page.getByText('n', { exact: true })).toHaveClass('at');

    await query.fill('"open');
    await expect.element(query).toHaveAccessibleDescription(/^Unclosed quote: the phrase needs a closing "/);
    await query.fill('type:alarm');
    await expect.element(query).not.toHaveAttribute('aria-invalid', 'true');
  });

  it('holds the save back while a rule is wrong, then hands over the rules, the watchdog and the monitor switch', async () => {
    const { onsave } = await mountEditor();
    await page.getByLabelText('Name', { exact: true }).fill('Disks');
    await page.getByLabelText('URL', { exact: true }).fill('http://127.0.0.1:9/disks');
    await page.getByRole('button', { name: 'Add alert rule' }).click();
    await page.getByLabelText('Rule 1 name').fill('Disk full');
    // A rule with a name and no query: said only once the user tries to save.
    await expect.element(page.getByLabelText('Rule 1 query')).not.toHaveAttribute('aria-invalid', 'true');
    await save();
    await expect.element(page.getByLabelText('Rule 1 query')).toHaveAccessibleDescription(/^A rule needs a query/);
    expect(onsave).not.toHaveBeenCalled();

    await page.getByLabelText('Rule 1 query').fill('type:alarm data.disk~full');
    await page.getByLabelText('Rule 1 severity').selectOptions('Critical');
    // A second row left empty is dropped, not an error.
    await page.getByRole('button', { name: 'Add alert rule' }).click();
    await page.getByLabelText('Monitor this feed').click();
    await page.getByLabelText("Watch the feed's health").click();
    await page.getByLabelText('Stale after (s)').fill('30');
    await save();

    expect(onsave).toHaveBeenCalledOnce();
    const [, input] = onsave.mock.calls[0]!;
    expect(input.monitor).toBe(true);
    expect(input.alerts).toEqual([{ name: 'Disk full', query: 'type:alarm data.disk~full', severity: 'critical', enabled: true }]);
    expect(input.watchdog).toEqual({ enabled: true, staleAfterSec: 30, maxReconnects: 5, reconnectWindowMin: 10 });
    // What the editor hands over is what the main process accepts.
    expect(ConnectionInputSchema.safeParse(input).success).toBe(true);
  });

  it('shows a saved connection’s rules and keeps their ids, so their rate limits carry on', async () => {
    const { onsave } = await mountEditor(SAVED);
    await expect.element(page.getByLabelText('Rule 1 name')).toHaveValue('Errors');
    await expect.element(page.getByLabelText('Rule 1 query')).toHaveValue('data.level=error');
    await expect.element(page.getByLabelText('Stale after (s)')).toHaveValue(120);
    await page.getByLabelText('Rule 1 enabled').click();
    await save();
    const [, input] = onsave.mock.calls[0]!;
    expect(input.alerts).toEqual([{ id: RULE_ID, name: 'Errors', query: 'data.level=error', severity: 'critical', enabled: false }]);
    expect(input.watchdog).toMatchObject({ enabled: true, staleAfterSec: 120 });
    expect(input.monitor).toBe(false);
  });

  it('says which watchdog threshold is out of range', async () => {
    const { onsave } = await mountEditor(SAVED);
    const window = page.getByLabelText('Within (min)');
    await window.fill('0');
    await expect.element(window).toHaveAttribute('aria-invalid', 'true');
    await expect.element(window).toHaveAccessibleDescription('Enter whole minutes, from 1 to a day (1440).');
    await save();
    expect(onsave).not.toHaveBeenCalled();
  });
});
