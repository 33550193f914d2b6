// The request parts of the connection editor as a user works them: the Params table and the URL
// following each other, {{variables}} listed with their values in the active environment (a
// secret masked, an undefined one said plainly) and shown on hover, the Auth section, and the TLS
// options with their warning.

import { describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import type { ConnectionInput, Environment } from '../../main/contract.ts';
import { ConnectionInputSchema, SavedConnectionSchema } from '../../main/common/config-schema.ts';
import ConnectionEditor from '../../renderer/src/components/ConnectionEditor.svelte';

type SaveCall = [id: string | undefined, input: ConnectionInput, connect: boolean];

const staging: Environment = {
  id: '1b6a3f0e-8f1e-4a57-9a43-4b1b8f0c2a11',
  name: 'Staging',
  variables: [
    { name: 'baseUrl', value: 'https://staging.example.com' },
    { name: 'token', value: { secret: true, enc: 'c2stc3RhZ2luZw==' } },
  ],
};

async function mountEditor(connection: Parameters<typeof SavedConnectionSchema.parse>[0] | null = null, environment = staging) {
  const onsave = vi.fn<(...args: SaveCall) => Promise<void>>(() => Promise.resolve());
  await render(ConnectionEditor, {
    // A connection saved before it had a kind is a feed here (the tests of the kind are request-kind-fields').
    connection: connection ? SavedConnectionSchema.parse({ kind: 'feed', ...connection }) : null,
    environments: [environment],
    activeEnvironmentId: environment.id,
    onsave,
    onclose: () => {},
    onenvironmentchange: () => {},
    onmanageenvironments: () => {},
  });
  return { onsave };
}

async function saved(onsave: ReturnType<typeof vi.fn<(...args: SaveCall) => Promise<void>>>): Promise<ConnectionInput> {
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await vi.waitFor(() => expect(onsave).toHaveBeenCalledTimes(1));
  const input = onsave.mock.calls[0]![1];
  expect(() => ConnectionInputSchema.parse(input)).not.toThrow();
  return input;
}

const url = () => page.getByLabelText('URL', { exact: true });
const params = () => page.getByRole('group', { name: 'Params' });

describe('the Params table', () => {
  it('shows the query string typed in the URL, and writes the URL when a row changes', async () => {
    await mountEditor();
    await url().fill('{{baseUrl}}/orders?since=5&limit=50');
    await expect.element(params().getByLabelText('Param 1 key')).toHaveValue('since');
    await expect.element(params().getByLabelText('Param 2 value')).toHaveValue('50');

    await params().getByLabelText('Param 2 value').fill('{{pageSize}}');
    await expect.element(url()).toHaveValue('{{baseUrl}}/orders?since=5&limit={{pageSize}}');
    await params().getByRole('button', { name: 'Add param' }).click();
    await params().getByLabelText('Param 3 key').fill('q');
    await params().getByLabelText('Param 3 value').fill('a b');
    await expect.element(url()).toHaveValue('{{baseUrl}}/orders?since=5&limit={{pageSize}}&q=a%20b');
    await params().getByRole('button', { name: 'Remove param 1' }).click();
    await expect.element(url()).toHaveValue('{{baseUrl}}/orders?limit={{pageSize}}&q=a%20b');
  });

  it('a disabled row leaves the URL and is saved beside it', async () => {
    const { onsave } = await mountEditor({
      id: '7d7e4c57-52b4-4ad6-9d4e-2d9f6d1f5a10',
      name: 'Orders',
      url: 'https://x.test/s?since=5&debug=1',
    });
    await params().getByLabelText('Enable param 2').click();
    await expect.element(url()).toHaveValue('https://x.test/s?since=5');
    await expect.element(params().getByLabelText('Param 2 key')).toHaveValue('debug');
    const input = await saved(onsave);
    expect(input.url).toBe('https://x.test/s?since=5');
    expect(input.disabledParams).toEqual([{ name: 'debug', value: '1' }]);
  });
});

describe('{{variables}} in the editor', () => {
  it('lists each variable of the URL with its value, a secret masked, an undefined one in plain words', async () => {
    await mountEditor();
    await url().fill('{{baseUrl}}/s?t={{token}}&u={{user}}');
    const list = page.getByRole('list', { name: 'Variables in the URL' });
    await expect.element(list.getByRole('listitem').nth(0)).toHaveTextContent('{{baseUrl}} https://staging.example.com');
    await expect.element(list.getByRole('listitem').nth(1)).toHaveTextContent('{{token}} ••••');
    await expect.element(list.getByRole('listitem').nth(2)).toHaveTextContent("{{user}} is not defined in 'Staging'");
    // The field itself says so to a screen reader.
    await expect.element(url()).toHaveAccessibleDescription("{{user}} is not defined in 'Staging'.");
    expect(document.body.textContent).not.toContain('c2stc3RhZ2luZw==');
  });

  it('shows a variable’s value when the mouse is over it in the field', async () => {
    await mountEditor();
    await url().fill('{{baseUrl}}/stream');
    const input = url().element() as HTMLInputElement;
    const mark = input.parentElement!.querySelector<HTMLElement>('mark[data-name="baseUrl"]')!;
    const [field, over] = [input.getBoundingClientRect(), mark.getBoundingClientRect()];
    await userEvent.hover(url(), { position: { x: over.left - field.left + over.width / 2, y: field.height / 2 } });
    await expect.element(url()).toHaveAttribute('title', '{{baseUrl}} = https://staging.example.com');
    await userEvent.hover(url(), { position: { x: over.right - field.left + 40, y: field.height / 2 } });
    await expect.element(url()).not.toHaveAttribute('title');
  });

  it('lists the variables of the headers, not those of a disabled header', async () => {
    await mountEditor();
    await page.getByLabelText('Name', { exact: true }).fill('Traced');
    await page.getByRole('button', { name: 'Add header' }).click();
    await page.getByLabelText('Header 1 key').fill('X-Trace');
    await page.getByLabelText('Header 1 value').fill('{{traceId}}');
    const list = page.getByRole('list', { name: 'Variables in the headers' });
    await expect.element(list).toHaveTextContent("{{traceId}} is not defined in 'Staging'");
    await page.getByLabelText('Enable header 1').click();
    await expect.element(list).not.toBeInTheDocument();
  });
});

describe('the Auth section', () => {
  const auth = () => page.getByRole('group', { name: 'Auth' });

  it('Bearer: the token is secret unless unticked, and the line under it says what is sent, masked', async () => {
    const { onsave } = await mountEditor();
    await page.getByLabelText('Name', { exact: true }).fill('Chat');
    await url().fill('https://x.test/chat');
    await auth().getByLabelText('Type').selectOptions('Bearer token');
    const token = auth().getByLabelText('Token');
    await expect.element(token).toHaveAttribute('type', 'password');
    await token.fill('sk-live-123');
    await expect.element(token).toHaveAccessibleDescription('Sends the header Authorization: Bearer ••••');
    const input = await saved(onsave);
    expect(input.auth).toEqual({ type: 'bearer', token: { secret: true, value: 'sk-live-123' } });
  });

  it('says plainly when a header already sets Authorization, and does not save', async () => {
    const { onsave } = await mountEditor();
    await page.getByLabelText('Name', { exact: true }).fill('Chat');
    await url().fill('https://x.test/chat');
    await page.getByRole('button', { name: 'Add header' }).click();
    await page.getByLabelText('Header 1 key').fill('Authorization');
    await page.getByLabelText('Header 1 value').fill('Bearer old');
    await auth().getByLabelText('Type').selectOptions('Basic (user and password)');
    await auth().getByLabelText('User name').fill('ann');
    await auth().getByLabelText('Password').fill('pw');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect
      .element(auth().getByLabelText('Type'))
      .toHaveAccessibleDescription('The header Authorization below sets Authorization too: turn it off or remove it, so this one is sent.');
    expect(onsave).not.toHaveBeenCalled();
  });

  it('API key in the query: saved with its name and place, and explained', async () => {
    const { onsave } = await mountEditor({ id: '7d7e4c57-52b4-4ad6-9d4e-2d9f6d1f5a10', name: 'Feed', url: 'https://x.test/s' });
    await auth().getByLabelText('Type').selectOptions('API key');
    await auth().getByLabelText('Key name').fill('api_key');
    await auth().getByLabelText('Add to').selectOptions('Query params');
    await auth().getByLabelText('Key value').fill('k-1');
    await expect.element(auth().getByText('Adds api_key=•••• to the URL’s query string when the connection starts.')).toBeVisible();
    const input = await saved(onsave);
    expect(input.auth).toEqual({ type: 'apiKey', name: 'api_key', value: { secret: true, value: 'k-1' }, in: 'query' });
  });

  it('a saved secret is never shown: the field is empty and says it is kept', async () => {
    const { onsave } = await mountEditor({
      id: '7d7e4c57-52b4-4ad6-9d4e-2d9f6d1f5a10',
      name: 'Feed',
      url: 'https://x.test/s',
      auth: { type: 'bearer', token: { secret: true, enc: 'c2stb2xk' } },
    });
    const token = auth().getByLabelText('Token');
    await expect.element(token).toHaveValue('');
    await expect.element(token).toHaveAttribute('placeholder', 'Saved secret (type to replace)');
    const input = await saved(onsave);
    expect(input.auth).toEqual({ type: 'bearer', token: { secret: true, enc: 'c2stb2xk' } });
  });
});

describe('TLS options', () => {
  it('warns in plain words while verification is off, and saves both options', async () => {
    const { onsave } = await mountEditor({ id: '7d7e4c57-52b4-4ad6-9d4e-2d9f6d1f5a10', name: 'Feed', url: 'https://x.test/s' });
    const tls = page.getByRole('group', { name: 'TLS' });
    await expect.element(tls.getByRole('status')).not.toBeInTheDocument();
    await tls.getByLabelText('Skip certificate verification').click();
    await expect.element(tls.getByRole('status')).toHaveTextContent(/Certificates are not checked: anyone between you and the server/);
    await tls.getByLabelText('CA certificate file').fill(' /etc/ssl/private-ca.pem ');
    const input = await saved(onsave);
    expect(input.tls).toEqual({ insecure: true, caFile: '/etc/ssl/private-ca.pem' });
  });

  it('shows the options a saved connection has', async () => {
    await mountEditor({
      id: '7d7e4c57-52b4-4ad6-9d4e-2d9f6d1f5a10',
      name: 'Feed',
      url: 'https://x.test/s',
      tls: { insecure: true, caFile: '/ca.pem' },
    });
    const tls = page.getByRole('group', { name: 'TLS' });
    await expect.element(tls.getByLabelText('Skip certificate verification')).toBeChecked();
    await expect.element(tls.getByLabelText('CA certificate file')).toHaveValue('/ca.pem');
    await expect.element(tls.getByRole('status')).toBeVisible();
  });
});
