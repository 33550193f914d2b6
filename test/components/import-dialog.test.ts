// The Import dialog's steps: pasted text, files or a picked folder (each file with its path in the
// folder; binary files left out with a note) go to "Preview", which shows the connections in their
// folders as a tree, the environments, the captures, the warnings, and the safety settings it would
// change; "Import" stays disabled until the user agrees to those, and then carries that consent.
// Variables the connections need are offered for creation: secret ones in a password field, in an
// environment the import brings, the active environment or a new one; an imported or new one can
// become the active one.

import { describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import type { Environment, ImportPlan, ImportRequest, ImportSource, ImportSummary } from '../../main/contract.ts';
import ImportDialog from '../../renderer/src/components/collection/ImportDialog.svelte';

const PLAN: ImportPlan = {
  sources: [{ name: 'sse-demo.postman_collection.json', format: 'postman-collection' }],
  connections: [
    { name: 'Live prices', url: '{{baseUrl}}/prices/stream', method: 'GET', folder: 'SSE Demo API/Streams', renamedFrom: null, safety: [] },
    {
      name: 'Replay a stream',
      url: '{{baseUrl}}/replay/42',
      method: 'POST',
      folder: 'SSE Demo API/Streams/Admin',
      renamedFrom: null,
      safety: [],
    },
    {
      name: 'Chat completion (2)',
      url: 'https://api.openai.com/v1/chat',
      method: 'POST',
      folder: 'SSE Demo API',
      renamedFrom: 'Chat completion',
      safety: [],
    },
  ],
  environments: [{ name: 'Staging', variables: 4, renamedFrom: null }],
  captures: [{ name: 'GET /events · 2024-05-03T11:00:00.000Z', url: 'http://localhost:8080/events', events: 4, notices: [] }],
  warnings: ['Postman tests are not run: \u2018login\u2019 has some'],
  neededVariables: [],
  safety: [],
};

const RISKY_CHANGE = 'Turns TLS certificate verification off: any server can pose as feed.test and read what is sent to it';
const RISKY: ImportPlan = {
  ...PLAN,
  connections: [
    { name: 'Risky feed', url: 'https://feed.test/events', method: 'GET', folder: '', renamedFrom: null, safety: [RISKY_CHANGE] },
  ],
  safety: [`"Risky feed": ${RISKY_CHANGE}`],
};

const DONE: ImportSummary = {
  connections: [],
  environments: [],
  captures: [],
  variablesEnvironment: null,
  warnings: [],
  neededVariables: [],
};

const DEV = { id: 'b0d1b0d1-0000-4000-8000-000000000001', name: 'Dev' };

async function mount(plan: ImportPlan, options: { active?: { id: string; name: string } | null; summary?: ImportSummary } = {}) {
  const onpreview = vi.fn(async (_source: ImportSource) => plan);
  const onimport = vi.fn(async (_request: ImportRequest) => options.summary ?? DONE);
  const onactivateenvironment = vi.fn(async (_id: string) => {});
  await render(ImportDialog, {
    onpreview,
    onimport,
    activeEnvironment: options.active ?? null,
    onactivateenvironment,
    transport: 'browser',
    onimportcapture: async () => false,
    onclose: () => {},
  });
  return { dialog: page.getByRole('dialog', { name: 'Import' }), onpreview, onimport, onactivateenvironment };
}

async function pasteAndPreview(text = '{"info": {}}'): Promise<void> {
  await page.getByLabelText('Paste a curl command, a collection or an export').fill(text);
  await page.getByRole('button', { name: 'Preview' }).click();
}

describe('The Import dialog', () => {
  it('shows the connections in their folders as a tree, with environments, captures and warnings', async () => {
    const { dialog, onpreview } = await mount(PLAN);
    await pasteAndPreview('curl -N https://example.com/stream');
    expect(onpreview).toHaveBeenCalledWith({ kind: 'text', text: 'curl -N https://example.com/stream' });

    await expect
      .element(dialog.getByRole('heading', { name: 'This will create 3 connections, 1 environment and 1 capture' }))
      .toBeVisible();
    await expect.element(dialog.getByText('sse-demo.postman_collection.json')).toBeVisible();
    await expect.element(dialog.getByText('(Postman collection)')).toBeVisible();
    const tree = dialog.getByRole('list', { name: 'Connections to create' });
    const streams = tree.getByRole('list', { name: 'Folder SSE Demo API/Streams', exact: true });
    await expect.element(streams).toHaveTextContent(/Live prices/);
    await expect
      .element(streams.getByRole('list', { name: 'Folder SSE Demo API/Streams/Admin' }))
      .toHaveTextContent(/POST\s*Replay a stream/);
    await expect.element(streams).not.toHaveTextContent(/Chat completion/);
    await expect
      .element(tree.getByRole('list', { name: 'Folder SSE Demo API', exact: true }))
      .toHaveTextContent(/Chat completion \(2\).*named “Chat completion” in the file/);
    await expect.element(dialog.getByRole('list', { name: 'Environments to create' })).toHaveTextContent('Staging · 4 variables');
    await expect.element(dialog.getByRole('list', { name: 'Captures to create' })).toHaveTextContent(/GET \/events.*4 events/);
    await expect
      .element(dialog.getByRole('group', { name: 'Not brought over, and worth knowing' }))
      .toHaveTextContent('Postman tests are not run');
    await expect.element(dialog.getByRole('group', { name: 'Safety settings this import changes' })).not.toBeInTheDocument();
    await expect.element(dialog.getByRole('button', { name: 'Import' })).toBeEnabled();
  });

  it('asks before applying safety changes, and the import carries that consent', async () => {
    const { dialog, onimport } = await mount(RISKY);
    await pasteAndPreview();
    const safety = dialog.getByRole('group', { name: 'Safety settings this import changes' });
    await expect.element(safety).toHaveTextContent('TLS certificate verification off');
    const importButton = dialog.getByRole('button', { name: 'Import' });
    await expect.element(importButton).toBeDisabled();
    await safety.getByRole('checkbox').click();
    await importButton.click();
    await vi.waitFor(() => expect(onimport).toHaveBeenCalledTimes(1));
    expect(onimport.mock.calls[0]![0]).toEqual({ source: { kind: 'text', text: '{"info": {}}' }, confirmSafety: true });
    await expect.element(dialog.getByRole('status')).toHaveTextContent('Imported 0 connections');
  });

  it("shows the importers' message when nothing can be imported, and stays on the first step", async () => {
    const { dialog, onpreview } = await mount(PLAN);
    onpreview.mockRejectedValueOnce(new Error('This text is not a Postman collection, Insomnia export, Bruno collection.'));
    await pasteAndPreview('hello');
    await expect.element(dialog.getByRole('alert')).toHaveTextContent('This text is not a Postman collection');
    await expect.element(dialog.getByRole('button', { name: 'Preview' })).toBeVisible();
  });
});

describe('Choosing files and folders', () => {
  it('sends a picked folder with each file’s path in it (a Bruno collection)', async () => {
    const { dialog, onpreview } = await mount(PLAN);
    const folderInput = dialog.getByLabelText('Choose a folder…');
    await expect.element(folderInput).toHaveAttribute('webkitdirectory');
    await userEvent.upload(folderInput, 'test/fixtures/import/bruno/SSE Demo');
    await expect.element(dialog.getByRole('status', { name: 'Chosen to import' })).toHaveTextContent('Folder SSE Demo: 12 files');
    await expect.element(dialog.getByLabelText('Paste a curl command, a collection or an export')).toBeDisabled();
    await dialog.getByRole('button', { name: 'Preview' }).click();

    await vi.waitFor(() => expect(onpreview).toHaveBeenCalledTimes(1));
    const source = onpreview.mock.calls[0]![0];
    if (source.kind !== 'files') throw new Error('expected files');
    expect(source.files.map((file) => file.path).sort()).toEqual([
      'SSE Demo/.env',
      'SSE Demo/Streams/Admin/replay.bru',
      'SSE Demo/Streams/chat.bru',
      'SSE Demo/Streams/folder.bru',
      'SSE Demo/Streams/prices.bru',
      'SSE Demo/broken.bru',
      'SSE Demo/bruno.json',
      'SSE Demo/collection.bru',
      'SSE Demo/environments/Local.bru',
      'SSE Demo/environments/Production.bru',
      'SSE Demo/login.bru',
      'SSE Demo/upload.bru',
    ]);
    expect(source.files.find((file) => file.path === 'SSE Demo/bruno.json')!.text).toContain('"type": "collection"');
  });

  it('leaves a binary file out with a note, and sends the rest by name', async () => {
    const { dialog, onpreview } = await mount(PLAN);
    const collection = new File(
      ['{"info": {"schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"}}'],
      'team.json',
      {
        type: 'application/json',
      },
    );
    const logo = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0])], 'logo.png', { type: 'image/png' });
    const blob = new File([new Uint8Array([0x41, 0, 0x42])], 'data.bin');
    await userEvent.upload(dialog.getByLabelText('Choose files…'), [collection, logo, blob]);
    const chosen = dialog.getByRole('status', { name: 'Chosen to import' });
    await expect.element(chosen).toHaveTextContent('team.json');
    await expect.element(chosen).toHaveTextContent('logo.png was left out: it is not a text file.');
    await expect.element(chosen).toHaveTextContent('data.bin was left out: it is not a text file.');
    await dialog.getByRole('button', { name: 'Preview' }).click();
    await vi.waitFor(() => expect(onpreview).toHaveBeenCalledTimes(1));
    expect(onpreview.mock.calls[0]![0]).toEqual({ kind: 'files', files: [{ path: 'team.json', text: await collection.text() }] });
    // The notes stay in view with the preview's warnings.
    await expect
      .element(dialog.getByRole('group', { name: 'Not brought over, and worth knowing' }))
      .toHaveTextContent('logo.png was left out: it is not a text file.');
  });
});

describe('Variables the connections need', () => {
  const NEEDS: ImportPlan = {
    ...PLAN,
    environments: [],
    neededVariables: [
      { name: 'OPENAI_API_KEY', secret: true, definedIn: [] },
      { name: 'TEAM', secret: false, definedIn: ['Dev'] },
    ],
  };

  it('offers the ones the active environment lacks, secret in a password field, and sends what was typed', async () => {
    const { dialog, onimport, onactivateenvironment } = await mount(NEEDS, { active: DEV });
    await pasteAndPreview();
    const variables = dialog.getByRole('group', { name: 'Variables to define' });
    await expect.element(variables).toHaveTextContent('Already in “Dev”: {{TEAM}}.');
    await expect.element(variables.getByRole('radio', { name: 'In the active environment, “Dev”' })).toBeChecked();
    const key = variables.getByLabelText('Value of OPENAI_API_KEY');
    await expect.element(key).toHaveAttribute('type', 'password');
    await expect.element(variables.getByLabelText('Value of TEAM')).not.toBeInTheDocument();
    await expect.element(variables.getByRole('checkbox', { name: 'OPENAI_API_KEY is secret' })).toBeChecked();
    await expect.element(variables).toHaveTextContent('A variable left empty is created without a value');
    await key.fill('sk-live-123');
    await expect.element(variables).not.toHaveTextContent('A variable left empty');

    await dialog.getByRole('button', { name: 'Import' }).click();
    await vi.waitFor(() => expect(onimport).toHaveBeenCalledTimes(1));
    expect(onimport.mock.calls[0]![0].variables).toEqual({
      target: { environmentId: DEV.id },
      variables: [{ name: 'OPENAI_API_KEY', value: 'sk-live-123', secret: true }],
    });
    expect(onactivateenvironment).not.toHaveBeenCalled();
  });

  it('creates them in a new environment the user names, made active when asked, or not at all', async () => {
    const created = { id: 'b0d1b0d1-0000-4000-8000-000000000002', name: 'OpenAI', variables: [] } satisfies Environment;
    const { dialog, onimport, onactivateenvironment } = await mount(NEEDS, {
      active: DEV,
      summary: { ...DONE, environments: [created], variablesEnvironment: created },
    });
    await pasteAndPreview();
    const variables = dialog.getByRole('group', { name: 'Variables to define' });
    await variables.getByRole('radio', { name: 'In a new environment named' }).click();
    await expect.element(variables.getByLabelText('Value of TEAM')).toBeVisible(); // a new environment has none of them
    await expect.element(variables).toHaveTextContent('Also in “Dev”');
    const name = variables.getByRole('textbox', { name: 'New environment name' });
    await name.fill('');
    await expect.element(variables).toHaveTextContent('Name the new environment for the variables');
    await expect.element(dialog.getByRole('button', { name: 'Import' })).toBeDisabled();
    await name.fill('OpenAI');
    await variables.getByRole('checkbox', { name: 'TEAM is secret' }).click();
    await expect.element(variables.getByRole('checkbox', { name: 'Make “OpenAI” the active environment' })).not.toBeChecked();
    await variables.getByRole('checkbox', { name: 'Make “OpenAI” the active environment' }).click();
    await dialog.getByRole('button', { name: 'Import' }).click();

    await vi.waitFor(() => expect(onactivateenvironment).toHaveBeenCalledWith(created.id));
    expect(onimport.mock.calls[0]![0].variables).toEqual({
      target: { newEnvironment: 'OpenAI' },
      variables: [
        { name: 'OPENAI_API_KEY', value: '', secret: true },
        { name: 'TEAM', value: '', secret: true },
      ],
    });
    await expect.element(dialog.getByRole('status')).toHaveTextContent('The variables are in the environment “OpenAI”.');
  });

  it('puts them in the environment the import brings by default, which becomes the active one when none is', async () => {
    const staging = { id: 'b0d1b0d1-0000-4000-8000-000000000003', name: 'Staging', variables: [] } satisfies Environment;
    const { dialog, onimport, onactivateenvironment } = await mount(
      { ...NEEDS, environments: [{ name: 'Staging', variables: 2, renamedFrom: null }] },
      { active: null, summary: { ...DONE, environments: [staging], variablesEnvironment: staging } },
    );
    await pasteAndPreview();
    const variables = dialog.getByRole('group', { name: 'Variables to define' });
    await expect.element(variables.getByRole('radio', { name: 'In the imported environment, “Staging”' })).toBeChecked();
    await expect.element(variables.getByRole('checkbox', { name: 'Make “Staging” the active environment' })).toBeChecked();
    await variables.getByLabelText('Value of OPENAI_API_KEY').fill('sk-9');
    await dialog.getByRole('button', { name: 'Import' }).click();
    await vi.waitFor(() => expect(onactivateenvironment).toHaveBeenCalledWith(staging.id));
    expect(onimport.mock.calls[0]![0].variables).toEqual({
      target: { importedEnvironment: 0 },
      variables: [
        { name: 'OPENAI_API_KEY', value: 'sk-9', secret: true },
        { name: 'TEAM', value: '', secret: false },
      ],
    });
  });

  it('lets the user pick which of the imported environments gets them, leaving the active one active', async () => {
    const { dialog, onimport, onactivateenvironment } = await mount(
      {
        ...NEEDS,
        environments: [
          { name: 'Staging', variables: 2, renamedFrom: null },
          { name: 'Production', variables: 2, renamedFrom: null },
        ],
      },
      { active: DEV },
    );
    await pasteAndPreview();
    const variables = dialog.getByRole('group', { name: 'Variables to define' });
    await expect.element(variables.getByRole('radio', { name: 'In the imported environment' })).toBeChecked();
    await expect.element(variables.getByRole('checkbox', { name: 'Make “Staging” the active environment' })).not.toBeChecked();
    await variables.getByRole('combobox', { name: 'Imported environment' }).selectOptions('Production');
    await dialog.getByRole('button', { name: 'Import' }).click();
    await vi.waitFor(() => expect(onimport).toHaveBeenCalled());
    expect(onimport.mock.calls[0]![0].variables).toMatchObject({ target: { importedEnvironment: 1 } });
    expect(onactivateenvironment).not.toHaveBeenCalled();
  });

  it('sends none when the user does not want them now', async () => {
    const { dialog, onimport } = await mount(NEEDS, { active: null });
    await pasteAndPreview();
    const variables = dialog.getByRole('group', { name: 'Variables to define' });
    await expect.element(variables.getByRole('radio', { name: /active environment/ })).not.toBeInTheDocument();
    await expect.element(variables.getByRole('textbox', { name: 'New environment name' })).toHaveValue('SSE Demo API');
    await variables.getByRole('checkbox', { name: 'Create these variables with the import' }).click();
    await expect.element(variables).toHaveTextContent('Define them under Environments before connecting.');
    await dialog.getByRole('button', { name: 'Import' }).click();
    await vi.waitFor(() => expect(onimport).toHaveBeenCalledTimes(1));
    expect(onimport.mock.calls[0]![0]).not.toHaveProperty('variables');
  });
});
