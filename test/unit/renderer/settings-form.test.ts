// The Settings dialog's form: it refuses exactly what the main process refuses (checked against
// the config schema itself, at and past every limit), sends only what changed, reads numbers as
// people type them, and recognises the core's "allow it in Settings" message about secrets.

import { describe, expect, it } from 'vitest';
import { SettingsEditSchema, SettingsSchema } from '../../../main/common/config-schema.ts';
import {
  CAPTURE_CAP_LIMITS,
  MAX_CAPTURE_LIMITS,
  MEMORY_BUDGET_LIMITS,
  WINDOW_SIZE_LIMITS,
  editFromForm,
  formFromSettings,
  parseWholeNumber,
  pointsToSettings,
  validateSettingsForm,
} from '../../../renderer/src/lib/settings-form.ts';
import { noKeychainCipher, sealValue } from '../../../main/core/config/secrets.ts';

const defaults = SettingsSchema.parse({});

function formWith(fields: { windowSize?: string; captureSizeCapMb?: string; maxCaptureMb?: string; memoryBudgetMb?: string }) {
  return { ...formFromSettings(defaults), ...fields };
}

describe('settings form validation', () => {
  const windowSizes = [0, 999, WINDOW_SIZE_LIMITS.min, 250_000, WINDOW_SIZE_LIMITS.max, WINDOW_SIZE_LIMITS.max + 1];
  it.each(windowSizes)('agrees with the main process on %i records in memory', (windowSize) => {
    const schemaAccepts = SettingsEditSchema.safeParse({ windowSize }).success;
    const errors = validateSettingsForm(formWith({ windowSize: String(windowSize) }));
    expect(errors.windowSize === undefined).toBe(schemaAccepts);
  });

  const caps = [0, CAPTURE_CAP_LIMITS.min, 2048, CAPTURE_CAP_LIMITS.max, CAPTURE_CAP_LIMITS.max + 1];
  it.each(caps)('agrees with the main process on a %i MB captures cap', (cap) => {
    const schemaAccepts = SettingsEditSchema.safeParse({ captureSizeCapMb: cap }).success;
    const errors = validateSettingsForm(formWith({ captureSizeCapMb: String(cap) }));
    expect(errors.captureSizeCapMb === undefined).toBe(schemaAccepts);
  });

  const maxCaptures = [0, MAX_CAPTURE_LIMITS.min, 1024, MAX_CAPTURE_LIMITS.max, MAX_CAPTURE_LIMITS.max + 1];
  it.each(maxCaptures)('agrees with the main process on a %i MB capture size limit', (maxCaptureMb) => {
    const schemaAccepts = SettingsEditSchema.safeParse({ maxCaptureMb }).success;
    const errors = validateSettingsForm(formWith({ maxCaptureMb: String(maxCaptureMb) }));
    expect(errors.maxCaptureMb === undefined).toBe(schemaAccepts);
  });

  const budgets = [0, MEMORY_BUDGET_LIMITS.min - 1, MEMORY_BUDGET_LIMITS.min, 1024, MEMORY_BUDGET_LIMITS.max, MEMORY_BUDGET_LIMITS.max + 1];
  it.each(budgets)('agrees with the main process on a %i MB memory budget', (memoryBudgetMb) => {
    const schemaAccepts = SettingsEditSchema.safeParse({ memoryBudgetMb }).success;
    const errors = validateSettingsForm(formWith({ memoryBudgetMb: String(memoryBudgetMb) }));
    expect(errors.memoryBudgetMb === undefined).toBe(schemaAccepts);
  });

  it('takes an empty capture size limit as "no limit", but wants a memory budget', () => {
    expect(editFromForm(formWith({ maxCaptureMb: '' }), defaults)).toEqual({ maxCaptureMb: null });
    expect(validateSettingsForm(formWith({ memoryBudgetMb: '' })).memoryBudgetMb).toBe('Enter a number of megabytes');
    expect(validateSettingsForm(formWith({ memoryBudgetMb: '64' })).memoryBudgetMb).toBe('The memory budget is at least 128 MB');
    expect(editFromForm(formWith({ memoryBudgetMb: '2,048' }), defaults)).toEqual({ memoryBudgetMb: 2048 });
  });

  it('explains each problem in words', () => {
    expect(validateSettingsForm(formWith({ windowSize: '500' })).windowSize).toBe('Keep at least 1,000 records in memory');
    expect(validateSettingsForm(formWith({ windowSize: '' })).windowSize).toBe('Enter a number of records');
    expect(validateSettingsForm(formWith({ windowSize: '1e6' })).windowSize).toMatch(/whole number/);
    expect(validateSettingsForm(formWith({ captureSizeCapMb: '1.5' })).captureSizeCapMb).toMatch(/whole number of megabytes/);
    expect(validateSettingsForm(formWith({ captureSizeCapMb: '0' })).captureSizeCapMb).toMatch(/empty for no cap/);
  });

  it('takes an empty cap as "no cap"', () => {
    expect(validateSettingsForm(formWith({ captureSizeCapMb: '  ' }))).toEqual({});
    const edit = editFromForm(formWith({ captureSizeCapMb: '' }), defaults);
    expect(edit).toEqual({ captureSizeCapMb: null });
    expect(SettingsEditSchema.parse(edit)).toEqual({ captureSizeCapMb: null });
  });

  it('reads numbers typed with thousands separators, and nothing else', () => {
    expect(parseWholeNumber('100,000')).toBe(100_000);
    expect(parseWholeNumber(' 2 500 000 ')).toBe(2_500_000);
    expect(parseWholeNumber('1_000')).toBe(1000);
    for (const text of ['', '-5', '12.5', '1e6', '0x10', 'ten', '99999999999999999999']) expect(parseWholeNumber(text)).toBeNull();
  });
});

describe('the edit sent to settings:update', () => {
  it('is empty when nothing changed, so saving an untouched form sends nothing', () => {
    expect(editFromForm(formFromSettings(defaults), defaults)).toEqual({});
  });

  it('holds only the changed fields, as the main process accepts them', () => {
    const saved = SettingsSchema.parse({ windowSize: 50_000, captureSizeCapMb: null, notifications: true });
    const form = { ...formFromSettings(saved), storeSecretsUnencrypted: true, windowSize: '75,000' };
    const edit = editFromForm(form, saved);
    expect(edit).toEqual({ storeSecretsUnencrypted: true, windowSize: 75_000 });
    // Applied the way the config store applies an edit, the other settings stay as they were.
    expect(SettingsSchema.parse({ ...saved, ...SettingsEditSchema.parse(edit) })).toEqual({
      ...saved,
      storeSecretsUnencrypted: true,
      windowSize: 75_000,
    });
  });

  it('shows the saved numbers the way the fields read them back', () => {
    const form = formFromSettings(SettingsSchema.parse({ windowSize: 1_500_000, captureSizeCapMb: 512 }));
    expect(form.windowSize).toBe('1,500,000');
    expect(form.captureSizeCapMb).toBe('512');
    expect(formFromSettings(SettingsSchema.parse({ captureSizeCapMb: null })).captureSizeCapMb).toBe('');
  });
});

describe('a message that sends the user to Settings', () => {
  it('is the one the core gives for a secret it has no keychain to encrypt', async () => {
    const policy = { cipher: noKeychainCipher('none (browser mode)'), storeSecretsUnencrypted: false };
    let message: string | null = null;
    try {
      sealValue({ secret: true, value: 'Bearer abc' }, policy);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).not.toBeNull();
    expect(pointsToSettings(message)).toBe(true);
    // With the setting on, the same secret is saved, so the editor's Save works after the detour.
    expect(sealValue({ secret: true, value: 'Bearer abc' }, { ...policy, storeSecretsUnencrypted: true })).toEqual({
      secret: true,
      unencrypted: 'Bearer abc',
    });
  });

  it('is not any other refusal', () => {
    expect(pointsToSettings(null)).toBe(false);
    expect(pointsToSettings('connection.url: Invalid URL: use an http:// or https:// address')).toBe(false);
    expect(pointsToSettings('Settings could not be written: EACCES')).toBe(false);
  });
});
