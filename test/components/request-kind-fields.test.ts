// The connection editor's kind and LLM format: a new connection is a feed until it gets a body or
// another method than GET, then a request, unless the user picks; the choice and the format
// (a JSON path checked as it is typed) are what is saved.

import { describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import type { ConnectionInput } from '../../main/contract.ts';
import ConnectionEditor from '../../renderer/src/components/ConnectionEditor.svelte';

type SaveCall = [id: string | undefined, input: ConnectionInput, connect: boolean];

async function mountEditor() {
  const onsave = vi.fn<(...args: SaveCall) => Promise<void>>(() => Promise.resolve());
  await render(ConnectionEditor, {
    connection: null,
    environments: [],
    activeEnvironmentId: null,
    onsave,
    onclose: () => {},
    onenvironmentchange: () => {},
    onmanageenvironments: () => {},
  });
  return onsave;
}

describe('Kind and LLM format in the editor', () => {
  it('follows the method and body until the user picks, and saves the choice', async () => {
    const onsave = await mountEditor();
    const request = page.getByRole('radio', { name: /^Request/ });
    const feed = page.getByRole('radio', { name: /^Feed/ });
    await expect.element(feed).toBeChecked();
    await page.getByLabelText('Name', { exact: true }).fill('Chat');
    await page.getByLabelText('URL', { exact: true }).fill('http://127.0.0.1:8080/v1/chat');
    await page.getByLabelText('Body', { exact: true }).fill('{"stream": true}');
    await expect.element(request).toBeChecked();
    await expect.element(page.getByText('Follows the method and body until you choose.')).toBeVisible();

    await userEvent.click(feed.element());
    await page.getByLabelText('Body', { exact: true }).fill('{"stream": true, "more": 1}');
    await expect.element(feed).toBeChecked(); // chosen: the body no longer decides
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await vi.waitFor(() => expect(onsave).toHaveBeenCalledTimes(1));
    expect(onsave.mock.calls[0]![1]).toMatchObject({ kind: 'feed', llmFormat: 'auto' });
  });

  it('saves a stream format, and refuses a JSON path it cannot read', async () => {
    const onsave = await mountEditor();
    await page.getByLabelText('Name', { exact: true }).fill('Tokens');
    await page.getByLabelText('URL', { exact: true }).fill('http://127.0.0.1:8080/tokens');
    await page.getByLabelText('LLM stream format').selectOptions('jsonpath');
    const path = page.getByLabelText('JSON path');
    await path.fill('$.choices[');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.element(path).toHaveAttribute('aria-invalid', 'true');
    await expect.element(page.getByText(/^The JSON path "\$\.choices\[" needs/)).toBeVisible();
    expect(onsave).not.toHaveBeenCalled();

    await path.fill('$.token');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await vi.waitFor(() => expect(onsave).toHaveBeenCalledTimes(1));
    expect(onsave.mock.calls[0]![1]).toMatchObject({ kind: 'feed', llmFormat: 'jsonpath:$.token' });
  });
});
