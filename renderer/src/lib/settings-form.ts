// The Settings dialog's form: the app's Settings turned into editable fields, checked with the
// same limits the main process applies (main/common/config-schema.ts, settingsFields), and turned
// back into the edit 'settings:update' takes (only the fields that changed). Also recognises a
// main-process message that sends the user to Settings, so the view can offer a way there.

import { formatCount } from '../../../main/common/number-format.ts';
import type { Settings } from '../../../main/contract.ts';

export interface SettingsForm {
  theme: Settings['theme'];
  storeSecretsUnencrypted: boolean;
  notifications: boolean;
  /** Typed text: digits, with optional thousands separators. */
  windowSize: string;
  /** Typed text; empty means no cap. */
  captureSizeCapMb: string;
}

export type SettingsField = 'windowSize' | 'captureSizeCapMb';
export type SettingsErrors = Partial<Record<SettingsField, string>>;

/** The main process's limits (settingsFields in the config schema); a unit test keeps them equal. */
export const WINDOW_SIZE_LIMITS = { min: 1_000, max: 10_000_000 } as const;
export const CAPTURE_CAP_LIMITS = { min: 1, max: 10_000_000 } as const;

/** What `settings:update` may change (demoSeeded is the app's own bookkeeping). */
export type SettingsEdit = Partial<Omit<Settings, 'demoSeeded'>>;

export function formFromSettings(settings: Settings): SettingsForm {
  return {
    theme: settings.theme,
    storeSecretsUnencrypted: settings.storeSecretsUnencrypted,
    notifications: settings.notifications,
    windowSize: formatCount(settings.windowSize),
    captureSizeCapMb: settings.captureSizeCapMb === null ? '' : String(settings.captureSizeCapMb),
  };
}

/** A whole number as typed ("100,000", "100 000", "100_000"); null when it is not one. */
export function parseWholeNumber(text: string): number | null {
  const compact = text.trim().replace(/[\s,_]/g, '');
  if (!/^\d+$/.test(compact)) return null;
  const value = Number(compact);
  return Number.isSafeInteger(value) ? value : null;
}

export function validateSettingsForm(form: SettingsForm): SettingsErrors {
  const errors: SettingsErrors = {};
  const windowSize = parseWholeNumber(form.windowSize);
  if (form.windowSize.trim() === '') errors.windowSize = 'Enter a number of records';
  else if (windowSize === null) errors.windowSize = 'Enter a whole number of records, such as 100000';
  else if (windowSize < WINDOW_SIZE_LIMITS.min)
    errors.windowSize = `Keep at least ${formatCount(WINDOW_SIZE_LIMITS.min)} records in memory`;
  else if (windowSize > WINDOW_SIZE_LIMITS.max) errors.windowSize = `Keep at most ${formatCount(WINDOW_SIZE_LIMITS.max)} records in memory`;

  if (form.captureSizeCapMb.trim() !== '') {
    const cap = parseWholeNumber(form.captureSizeCapMb);
    if (cap === null) errors.captureSizeCapMb = 'Enter a whole number of megabytes, or leave it empty for no cap';
    else if (cap < CAPTURE_CAP_LIMITS.min) errors.captureSizeCapMb = 'The cap is at least 1 MB; leave it empty for no cap';
    else if (cap > CAPTURE_CAP_LIMITS.max) errors.captureSizeCapMb = `The cap is at most ${formatCount(CAPTURE_CAP_LIMITS.max)} MB`;
  }
  return errors;
}

/** The changed fields of a valid form, as `settings:update` takes them ({} when nothing changed). */
export function editFromForm(form: SettingsForm, settings: Settings): SettingsEdit {
  const next = {
    theme: form.theme,
    storeSecretsUnencrypted: form.storeSecretsUnencrypted,
    notifications: form.notifications,
    windowSize: parseWholeNumber(form.windowSize) ?? settings.windowSize,
    captureSizeCapMb: form.captureSizeCapMb.trim() === '' ? null : (parseWholeNumber(form.captureSizeCapMb) ?? settings.captureSizeCapMb),
  };
  const edit: SettingsEdit = {};
  for (const key of Object.keys(next) as (keyof typeof next)[]) {
    if (next[key] !== settings[key]) Object.assign(edit, { [key]: next[key] });
  }
  return edit;
}

/** The main process's message tells the user to change something in Settings. */
export function pointsToSettings(message: string | null): boolean {
  return message !== null && /\bin Settings\b/.test(message);
}
