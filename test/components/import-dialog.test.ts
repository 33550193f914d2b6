// The Import dialog's steps: "Preview" shows what would be created and the safety settings it
// would change; "Import" stays disabled until the user agrees to those settings, and the import
// then carries that consent; an import without safety changes needs no agreement.

import { describe, expect, it, vi } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import type { ImportPlan, ImportRequest, ImportSummary } from '../../main/contract.ts';
import ImportDialog from '../../renderer/src/components/ImportDialog.svelte';

const RISKY: ImportPlan = {
  connections: [
    {
      name: 'Risky feed',
      url: 'https://feed.test/events',
      method: 'GET',
      renamedFrom: null,
      safety: ['Turns TLS certificate verification off: any server can pose as feed.test and read what is sent to it'],
    },
    { name: 'Plain feed (2)', url: 'https://feed.test/plain', method: 'GET', renamedFrom: 'Plain feed', safety: [] },
  ],
  environments: [{ name: 'Prod', variables: 2, renamedFrom: null }],
  warnings: ['1 secret value(s) were left out of the file: enter them again before connecting.'],
  safety: ['"Risky feed": Turns TLS certificate verification off: any server can pose as feed.test and read what is sent to it'],
};

const DONE: ImportSummary = { connections: [], environments: [], warnings: [] };

async function mountDialog(preview: ImportPlan) {
  const onpreview = vi.fn(async (_source: ImportRequest) => preview);
  const onimport = vi.fn(async (_source: ImportRequest, _confirmSafety: boolean) => DONE);
  await render(ImportDialog, { onpreview, onimport, transport: 'browser', onimportcapture: async () => false, onclose: () => {} });
  await page.getByLabelText('Paste a curl command or a collection (JSON)').fill('{"format": "sse-scope-collection", "version": 1}');
  await page.getByRole('button', { name: 'Preview' }).click();
  return { onpreview, onimport };
}

describe('The Import dialog', () => {
  it('previews what it would create and asks before applying safety changes', async () => {
    const { onpreview, onimport } = await mountDialog(RISKY);
    expect(onpreview).toHaveBeenCalledWith({ kind: 'collection', text: '{"format": "sse-scope-collection", "version": 1}' });

    const dialog = page.getByRole('dialog', { name: 'Import' });
    await expect.element(dialog.getByRole('heading', { name: 'This will create 2 connections and 1 environment' })).toBeVisible();
    await expect
      .element(dialog.getByRole('list', { name: 'Connections to create' }))
      .toHaveTextContent(/Plain feed \(2\).*named “Plain feed” in the file/);
    const safety = dialog.getByRole('group', { name: 'Safety settings this import changes' });
    await expect.element(safety).toHaveTextContent('TLS certificate verification off');
    await expect.element(dialog.getByText('secret value(s) were left out')).toBeVisible();

    const importButton = dialog.getByRole('button', { name: 'Import' });
    await expect.element(importButton).toBeDisabled();
    await safety.getByRole('checkbox').click();
    await expect.element(importButton).toBeEnabled();
    await importButton.click();
    await vi.waitFor(() => expect(onimport).toHaveBeenCalledTimes(1));
    expect(onimport.mock.calls[0]![1]).toBe(true);
    await expect.element(dialog.getByRole('status')).toHaveTextContent('Imported');
  });

  it('imports at once when nothing safety-relevant changes, without claiming consent', async () => {
    const { onimport } = await mountDialog({ ...RISKY, connections: [RISKY.connections[1]!], safety: [] });
    const dialog = page.getByRole('dialog', { name: 'Import' });
    await expect.element(dialog.getByRole('group', { name: 'Safety settings this import changes' })).not.toBeInTheDocument();
    await dialog.getByRole('button', { name: 'Import' }).click();
    await vi.waitFor(() => expect(onimport).toHaveBeenCalledTimes(1));
    expect(onimport.mock.calls[0]![1]).toBe(false);
  });
});
