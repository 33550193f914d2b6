// The connection editor as a user fills it in: labelled fields, messages next to the field that is
// wrong, the body checked as JSON while typing, and what "Save" / "Save and connect" hand over.

import { describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import type { ConnectionInput } from '../../main/contract.ts';
import { SavedConnectionSchema } from '../../main/common/config-schema.ts';
import ConnectionEditor from '../../renderer/src/components/ConnectionEditor.svelte';

type SaveCall = [id: string | undefined, input: ConnectionInput, connect: boolean];

async function mountEditor(options: { connection?: Parameters<typeof SavedConnectionSchema.parse>[0]; save?: () => Promise<void> } = {}) {
  const onsave = vi.fn<(...args: SaveCall) => Promise<void>>(options.save ?? (() => Promise.resolve()));
  const onclose = vi.fn();
  const connection = options.connection ? SavedConnectionSchema.parse(options.connection) : null;
  const screen = await render(ConnectionEditor, {
    connection,
    environments: [],
    activeEnvironmentId: null,
    onsave,
    onclose,
    onenvironmentchange: () => {},
    onmanageenvironments: () => {},
  });
  return { screen, onsave, onclose };
}

describe('ConnectionEditor', () => {
  it('is a dialog named "New connection" with a visible label on every field the issue names', async () => {
    await mountEditor();
    await expect.element(page.getByRole('dialog', { name: 'New connection' })).toBeVisible();
    for (const label of ['Name', 'URL', 'Method', 'Body', 'Last-Event-ID']) {
      await expect.element(page.getByLabelText(label, { exact: true })).toBeVisible();
    }
    await expect.element(page.getByRole('button', { name: 'Save', exact: true })).toBeVisible();
    await expect.element(page.getByRole('button', { name: 'Save and connect' })).toBeVisible();
    // The name field has the keyboard when the dialog opens.
    await expect.element(page.getByLabelText('Name', { exact: true })).toHaveFocus();
  });

  it('says what is missing next to each field and does not save', async () => {
    const { onsave } = await mountEditor();
    await page.getByRole('button', { name: 'Save', exact: true }).click();

    const name = page.getByLabelText('Name', { exact: true });
    await expect.element(name).toHaveAttribute('aria-invalid', 'true');
    await expect.element(name).toHaveAccessibleDescription('Name is required.');
    await expect.element(page.getByLabelText('URL', { exact: true })).toHaveAccessibleDescription('URL is required.');
    // The first problem has the keyboard, so the user can fix it at once.
    await expect.element(name).toHaveFocus();
    expect(onsave).not.toHaveBeenCalled();
  });

  it('explains a URL that is not http(s) once the user leaves the field', async () => {
    await mountEditor();
    const url = page.getByLabelText('URL', { exact: true });
    await url.fill('ftp://files.example.com/stream');
    await expect.element(url).not.toHaveAttribute('aria-invalid', 'true');
    await userEvent.tab();
    await expect.element(url).toHaveAccessibleDescription('URL must start with http:// or https://, or with a {{variable}}.');
    await url.fill('{{baseUrl}}/stream');
    await expect.element(url).toHaveAttribute('aria-invalid', 'false');
  });

  it('checks a JSON body while it is typed, naming the problem and its line', async () => {
    const { onsave } = await mountEditor();
    const body = page.getByLabelText('Body', { exact: true });
    await body.fill('{\n  "model": "m1",\n  "stream": true\n  "prompt": "hi"\n}');
    await expect.element(body).toHaveAttribute('aria-invalid', 'true');
    await expect.element(body).toHaveAccessibleDescription(/^Body is not valid JSON: .+ \(line 4\)$/);

    await page.getByLabelText('Name', { exact: true }).fill('Chat');
    await page.getByLabelText('URL', { exact: true }).fill('http://127.0.0.1:9/chat');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    expect(onsave).not.toHaveBeenCalled();
    await expect.element(body).toHaveFocus();

    await body.fill('{\n  "model": "m1",\n  "stream": true,\n  "prompt": "hi"\n}');
    await expect.element(body).toHaveAttribute('aria-invalid', 'false');
    await expect.element(page.getByText(/Body is not valid JSON/)).not.toBeInTheDocument();
  });

  it('grows the body with its text, from 6 lines to about 20, and scrolls past that', async () => {
    await mountEditor();
    const body = page.getByLabelText('Body', { exact: true });
    const textarea = body.element() as HTMLTextAreaElement;
    const lineHeight = parseFloat(getComputedStyle(textarea).lineHeight);
    const lines = (count: number) =>
      ['{', ...Array.from({ length: count - 2 }, (_, i) => `  "key${i}": ${i},`), '  "last": true', '}'].join('\n');
    const scrolls = () => textarea.scrollHeight > textarea.clientHeight + 1;

    const empty = textarea.clientHeight;
    expect(empty).toBeGreaterThanOrEqual(6 * lineHeight);
    // A typical request body, whole in view.
    await body.fill('{\n  "model": "small-1",\n  "stream": true,\n  "messages": [{"role": "user", "content": "Hello"}]\n}');
    expect(scrolls()).toBe(false);
    await body.fill(lines(14));
    await vi.waitFor(() => expect(textarea.clientHeight).toBeGreaterThanOrEqual(14 * lineHeight));
    expect(scrolls()).toBe(false);
    await body.fill(lines(60));
    await vi.waitFor(() => expect(textarea.clientHeight).toBeGreaterThan(18 * lineHeight));
    expect(textarea.clientHeight).toBeLessThan(21 * lineHeight);
    expect(scrolls()).toBe(true);
  });

  it('hands "Save and connect" the connection as typed, with connect = true', async () => {
    const { onsave } = await mountEditor();
    await page.getByLabelText('Name', { exact: true }).fill('  LLM chat ');
    await page.getByLabelText('Method', { exact: true }).selectOptions('POST');
    await page.getByLabelText('URL', { exact: true }).fill('http://127.0.0.1:8080/v1/chat');
    await page.getByRole('button', { name: 'Add header' }).click();
    await page.getByLabelText('Header 1 key').fill('Content-Type');
    await page.getByLabelText('Header 1 value').fill('application/json');
    await page.getByRole('button', { name: 'Add header' }).click();
    await page.getByLabelText('Header 2 key').fill('X-Trace');
    await page.getByLabelText('Header 2 value').fill('off');
    await page.getByLabelText('Enable header 2').click();
    await page.getByLabelText('Body', { exact: true }).fill('{"prompt": "Hello"}');
    await page.getByLabelText('Last-Event-ID', { exact: true }).fill('41');
    await page.getByRole('button', { name: 'Save and connect' }).click();

    await vi.waitFor(() => expect(onsave).toHaveBeenCalledTimes(1));
    const [id, input, connect] = onsave.mock.calls[0]!;
    expect(id).toBeUndefined();
    expect(connect).toBe(true);
    expect(input).toMatchObject({
      name: 'LLM chat',
      url: 'http://127.0.0.1:8080/v1/chat',
      method: 'POST',
      headers: [
        { name: 'Content-Type', value: 'application/json', enabled: true },
        { name: 'X-Trace', value: 'off', enabled: false },
      ],
      body: '{"prompt": "Hello"}',
      lastEventId: '41',
    });
    // What the editor hands over is what the main process accepts.
    expect(() => SavedConnectionSchema.omit({ id: true }).parse(input)).not.toThrow();
  });

  it('"Save" on a saved connection keeps its id, and connect = false', async () => {
    const { onsave } = await mountEditor({
      connection: {
        id: '7d7e4c57-52b4-4ad6-9d4e-2d9f6d1f5a10',
        kind: 'feed',
        name: 'Orders',
        url: 'https://api.example.com/orders',
        method: 'GET',
      },
    });
    await expect.element(page.getByRole('dialog', { name: 'Edit Orders' })).toBeVisible();
    await expect.element(page.getByLabelText('URL', { exact: true })).toHaveValue('https://api.example.com/orders');
    await page.getByLabelText('Name', { exact: true }).fill('Orders (prod)');
    await page.getByRole('button', { name: 'Save', exact: true }).click();

    await vi.waitFor(() => expect(onsave).toHaveBeenCalledTimes(1));
    const [id, input, connect] = onsave.mock.calls[0]!;
    expect(id).toBe('7d7e4c57-52b4-4ad6-9d4e-2d9f6d1f5a10');
    expect(connect).toBe(false);
    expect(input.name).toBe('Orders (prod)');
  });

  it('shows what the main process refused, and lets the user try again', async () => {
    let refuse = true;
    const { onsave } = await mountEditor({
      save: () => (refuse ? Promise.reject(new Error('Invalid URL: use an http:// or https:// address')) : Promise.resolve()),
    });
    await page.getByLabelText('Name', { exact: true }).fill('Feed');
    await page.getByLabelText('URL', { exact: true }).fill('http://127.0.0.1:1/feed');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.element(page.getByRole('alert')).toHaveTextContent('Invalid URL: use an http:// or https:// address');

    refuse = false;
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await vi.waitFor(() => expect(onsave).toHaveBeenCalledTimes(2));
    await expect.element(page.getByText(/Invalid URL/)).not.toBeInTheDocument();
  });

  it('shows each problem the main process found on its own line, and marks the field it names', async () => {
    const refusal = 'Invalid request for connections:save:\n✖ Invalid URL: use an http:// or https:// address\n  → at connection.url';
    await mountEditor({ save: () => Promise.reject(new Error(refusal)) });
    await page.getByLabelText('Name', { exact: true }).fill('Feed');
    await page.getByLabelText('URL', { exact: true }).fill('http://127.0.0.1:1/feed');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const alert = page.getByRole('alert');
    await expect.element(alert).toHaveTextContent('✖ Invalid URL');
    expect((alert.element() as HTMLElement).innerText.split('\n')).toEqual([
      'Invalid request for connections:save:',
      '✖ Invalid URL: use an http:// or https:// address',
      '→ at connection.url',
    ]);
    await expect.element(page.getByLabelText('URL', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  });

  it('closes with Escape or Cancel without saving', async () => {
    const { onsave, onclose } = await mountEditor();
    await userEvent.keyboard('{Escape}');
    expect(onclose).toHaveBeenCalledTimes(1);
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(onclose).toHaveBeenCalledTimes(2);
    expect(onsave).not.toHaveBeenCalled();
  });
});
