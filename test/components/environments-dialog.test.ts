// The Environments dialog when the main process refuses a save: its message shows above the
// buttons, and when the fix is in Settings (a secret variable with no OS keychain), an "Open
// Settings" button takes the user there, keeping the form as typed to save again afterwards.

import { describe, expect, it, vi } from 'vitest';
import { page } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import type { Environment, EnvironmentInput } from '../../main/contract.ts';
import { SecretsUnavailableError } from '../../main/core/config/secrets.ts';
import EnvironmentsDialog from '../../renderer/src/components/EnvironmentsDialog.svelte';

async function mountDialog(save: (id: string | undefined, input: EnvironmentInput) => Promise<Environment>, withSettings = true) {
  const onsave = vi.fn(save);
  const onopensettings = vi.fn();
  await render(EnvironmentsDialog, {
    environments: [],
    activeId: null,
    onsave,
    ondelete: () => Promise.resolve(),
    onactivate: () => {},
    onclose: () => {},
    onopensettings: withSettings ? onopensettings : undefined,
  });
  return { onsave, onopensettings };
}

async function typeSecretVariable(): Promise<void> {
  await page.getByLabelText('Environment name').fill('Staging');
  await page.getByLabelText('Variable 1 name').fill('token');
  await page.getByLabelText('Variable 1 value').fill('sk-123');
  await page.getByRole('checkbox', { name: 'Secret' }).click();
}

describe('The Environments dialog', () => {
  it('offers "Open Settings" when a secret cannot be saved without a keychain', async () => {
    let refuse = true;
    const { onsave, onopensettings } = await mountDialog(async (_id, input) => {
      if (refuse) throw new SecretsUnavailableError('basic_text');
      return { id: 'env-1', name: input.name, variables: [] };
    });
    await typeSecretVariable();
    await page.getByRole('button', { name: 'Create' }).click();

    const dialog = page.getByRole('dialog', { name: 'Environments' });
    await expect.element(dialog.getByRole('alert')).toHaveTextContent(/only if you allow it in Settings/);
    await dialog.getByRole('button', { name: 'Open Settings' }).click();
    expect(onopensettings).toHaveBeenCalledTimes(1);
    await expect.element(dialog.getByRole('button', { name: 'Open Settings' })).not.toBeInTheDocument();

    // Back from Settings, the form is as typed and saves.
    refuse = false;
    await expect.element(page.getByLabelText('Variable 1 value')).toHaveValue('sk-123');
    await page.getByRole('button', { name: 'Create' }).click();
    await vi.waitFor(() => expect(onsave).toHaveBeenCalledTimes(2));
    expect(onsave.mock.calls[1]![1]).toMatchObject({
      name: 'Staging',
      variables: [{ name: 'token', value: { secret: true, value: 'sk-123' } }],
    });
    await expect.element(page.getByRole('status')).toHaveTextContent('Saved.');
  });

  it('shows other refusals without the button', async () => {
    await mountDialog(() => Promise.reject(new Error('environment.name: an environment named "Staging" already exists')));
    await typeSecretVariable();
    await page.getByRole('button', { name: 'Create' }).click();
    await expect.element(page.getByRole('alert')).toHaveTextContent('already exists');
    expect(page.getByRole('button', { name: 'Open Settings' }).query()).toBeNull();
  });
});
