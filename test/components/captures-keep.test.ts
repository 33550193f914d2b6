// Keeping a capture from the sidebar's "Captures": the Keep button (a toggle) tells the main process
// to keep it, so the captures size cap never deletes it, and the list marks it as kept; pressed
// again, it lets the capture go. A capture kept before (a `capture --save`) shows as kept.

import { expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import type { CaptureView } from '../../main/contract.ts';
import App from '../../renderer/src/App.svelte';
import { appContext } from '../../renderer/src/lib/app-context.ts';
import { fakeApi } from './support/fake-api.ts';

function capture(id: string, name: string, startedAt: number, kept: boolean): CaptureView {
  return {
    id,
    name,
    connectionId: null,
    kind: null,
    run: null,
    url: null,
    startedAt,
    endedAt: startedAt + 1000,
    recording: false,
    sizeBytes: 2048,
    records: 10,
    kept,
  };
}

it('keeps a capture with a click, marks it as kept, and lets it go again', async () => {
  const list = [capture('cap-a', 'Orders run', 2_000, false), capture('cap-b', 'Saved from the CLI', 1_000, true)];
  const api = fakeApi([], [], {
    handlers: {
      'captures:list': () => list,
      'captures:keep': () => undefined,
      'connections:list': () => [],
      'environments:list': () => ({ environments: [], activeId: null }),
    },
  });
  await render(App, { context: appContext(api) });
  await api.idle();

  const captures = page.getByRole('region', { name: 'Captures' });
  await captures.getByRole('button', { name: /^Captures/ }).click();
  const keepOrders = captures.getByRole('button', { name: 'Keep Orders run' });
  const keepSaved = captures.getByRole('button', { name: 'Keep Saved from the CLI' });
  await expect.element(keepOrders).toHaveAttribute('aria-pressed', 'false');
  await expect.element(keepSaved).toHaveAttribute('aria-pressed', 'true');
  expect(captures.getByTitle('Kept: the size cap never deletes it', { exact: true }).elements()).toHaveLength(1);

  await keepOrders.click();
  await api.idle();
  expect(api.payloadsOf('captures:keep')).toEqual([{ captureId: 'cap-a', kept: true }]);
  await expect.element(keepOrders).toHaveAttribute('aria-pressed', 'true');
  expect(captures.getByTitle('Kept: the size cap never deletes it', { exact: true }).elements()).toHaveLength(2);

  await keepSaved.click();
  await api.idle();
  expect(api.payloadsOf('captures:keep').at(-1)).toEqual({ captureId: 'cap-b', kept: false });
  await expect.element(keepSaved).toHaveAttribute('aria-pressed', 'false');
});
