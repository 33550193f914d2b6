// Exporting with or without secrets: the collection export (all connections or one folder with its
// subfolders; secret values only when the user includes them, with a plain warning) and a
// session's export (its "Include secret values" off by default, warned about when on, and not
// offered for a capture reopened from disk, which has none to give back).

import { describe, expect, it, vi } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { SavedConnectionSchema } from '../../main/common/config-schema.ts';
import type { FileOutcome } from '../../main/contract.ts';
import ExportCollectionDialog from '../../renderer/src/components/collection/ExportCollectionDialog.svelte';
import ExportDialog from '../../renderer/src/components/session/ExportDialog.svelte';
import { ExportState } from '../../renderer/src/lib/export/export-state.svelte.ts';
import { fakeApi } from './support/fake-api.ts';

const connection = (n: number, name: string, folder: string) =>
  SavedConnectionSchema.parse({
    id: `7d7e4c57-52b4-4ad6-9d4e-${String(n).padStart(12, '0')}`,
    kind: 'feed',
    name,
    url: `https://example.com/${n}`,
    folder,
  });

const CONNECTIONS = [
  connection(1, 'Live prices', 'SSE Demo API/Streams'),
  connection(2, 'Replay', 'SSE Demo API/Streams/Admin'),
  connection(3, 'Chat', 'SSE Demo API'),
  connection(4, 'Loose', ''),
];

describe('Export collection', () => {
  async function mount() {
    const onexport = vi.fn(async (_options: { connectionIds?: string[]; includeSecrets: boolean }): Promise<FileOutcome> => ({
      status: 'saved',
      path: '/home/ann/sse-scope-connections.json',
      records: 2,
      bytes: 900,
    }));
    await render(ExportCollectionDialog, { connections: CONNECTIONS, environmentCount: 2, onexport, onclose: () => {} });
    return { dialog: page.getByRole('dialog', { name: 'Export collection' }), onexport };
  }

  it('exports everything without secrets by default, and says where the file went', async () => {
    const { dialog, onexport } = await mount();
    await expect.element(dialog.getByRole('radio', { name: 'All connections (4)' })).toBeChecked();
    await expect.element(dialog.getByRole('checkbox', { name: 'Include secret values' })).not.toBeChecked();
    await expect.element(dialog).toHaveTextContent('Secret values are left out: whoever imports the file enters them again.');
    await dialog.getByRole('button', { name: 'Export' }).click();
    await vi.waitFor(() => expect(onexport).toHaveBeenCalledWith({ includeSecrets: false }));
    await expect.element(dialog.getByRole('status')).toHaveTextContent('Saved to /home/ann/sse-scope-connections.json');
  });

  it('exports one folder with its subfolders, with secrets only after a plain warning', async () => {
    const { dialog, onexport } = await mount();
    await dialog.getByRole('radio', { name: 'One folder' }).click();
    await dialog.getByRole('combobox', { name: 'Folder' }).selectOptions('SSE Demo API/Streams');
    await expect.element(dialog).toHaveTextContent('2 connections, subfolders included; every environment (2) goes with them.');
    await dialog.getByRole('checkbox', { name: 'Include secret values' }).click();
    await expect.element(dialog).toHaveTextContent('The file will hold your tokens, passwords and secret variables as plain text');
    await dialog.getByRole('button', { name: 'Export' }).click();
    await vi.waitFor(() => expect(onexport).toHaveBeenCalledTimes(1));
    expect(onexport.mock.calls[0]![0]).toEqual({ connectionIds: [CONNECTIONS[0]!.id, CONNECTIONS[1]!.id], includeSecrets: true });
  });
});

describe("A session's export", () => {
  async function mount(hasOriginals: boolean) {
    const api = fakeApi([]);
    const exporter = new ExportState(api, 'session-1');
    await render(ExportDialog, {
      exporter,
      searchQuery: '',
      selectionCount: 0,
      selectionSeqs: async () => [],
      hasOriginals,
      onclose: () => {},
    });
    return { api, dialog: page.getByRole('dialog', { name: 'Export' }) };
  }

  it('masks secrets unless the user includes them, and warns when they do', async () => {
    const { api, dialog } = await mount(true);
    const include = dialog.getByRole('checkbox', { name: 'Include secret values' });
    await expect.element(include).not.toBeChecked();
    await dialog.getByRole('button', { name: 'Export' }).click();
    await vi.waitFor(() => expect(api.payloadsOf('export:session')).toHaveLength(1));
    expect(api.payloadsOf('export:session')[0]).toMatchObject({ includeSecrets: false });

    await include.click();
    await expect.element(dialog).toHaveTextContent('The file will hold tokens, passwords and cookies as they arrived, in plain text');
    await dialog.getByRole('button', { name: 'Export' }).click();
    await vi.waitFor(() => expect(api.payloadsOf('export:session')).toHaveLength(2));
    expect(api.payloadsOf('export:session')[1]).toMatchObject({ includeSecrets: true });
  });

  it('does not offer secrets for a capture reopened from disk, and says why', async () => {
    const { dialog } = await mount(false);
    await expect.element(dialog.getByRole('checkbox', { name: 'Include secret values' })).toBeDisabled();
    await expect.element(dialog).toHaveTextContent('it was saved with its secrets masked, so there are none to include');
  });
});
