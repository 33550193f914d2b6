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
  /** Typed text; empty means no limit. */
  maxCaptureMb: string;
  /** Typed text: megabytes. */
  memoryBudgetMb: string;
}

export type SettingsField = 'windowSize' | 'captureSizeCapMb' | 'maxCaptureMb' | 'memoryBudgetMb';
export type SettingsErrors = Partial<Record<SettingsField, string>>;

/** The main process's limits (settingsFields in the config schema); a unit test keeps them equal. */
export const WINDOW_SIZE_LIMITS = { min: 1_000, max: 10_000_000 } as const;
export const CAPTURE_CAP_LIMITS = { min: 1, max: 10_000_000 } as const;
export const MAX_CAPTURE_LIMITS = { min: 1, max: 10_000_000 } as const;
export const MEMORY_BUDGET_LIMITS = { min: 128, max: 1_048_576 } as const;

/** What `settings:update` may change (demoSeeded is the app's own bookkeeping). */
export type SettingsEdit = Partial<Omit<Settings, 'demoSeeded'>>;

export function formFromSettings(settings: Settings): SettingsForm {
  return {
    theme: settings.theme,
    storeSecretsUnencrypted: settings.storeSecretsUnencrypted,
    notifications: settings.notifications,
    windowSize: formatCount(settings.windowSize),
    captureSizeCapMb: settings.captureSizeCapMb === null ? '' : String(settings.captureSizeCapMb),
    maxCaptureMb: settings.maxCaptureMb === null ? '' : String(settings.maxCaptureMb),
    memoryBudgetMb: String(settings.memoryBudgetMb),
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

  if (form.maxCaptureMb.trim() !== '') {
    const max = parseWholeNumber(form.maxCaptureMb);
    if (max === null) errors.maxCaptureMb = 'Enter a whole number of megabytes, or leave it empty for no limit';
    else if (max < MAX_CAPTURE_LIMITS.min) errors.maxCaptureMb = 'A capture may hold at least 1 MB; leave it empty for no limit';
    else if (max > MAX_CAPTURE_LIMITS.max) errors.maxCaptureMb = `The limit is at most ${formatCount(MAX_CAPTURE_LIMITS.max)} MB`;
  }

  const budget = parseWholeNumber(form.memoryBudgetMb);
  if (form.memoryBudgetMb.trim() === '') errors.memoryBudgetMb = 'Enter a number of megabytes';
  else if (budget === null) errors.memoryBudgetMb = 'Enter a whole number of megabytes, such as 1024';
  else if (budget < MEMORY_BUDGET_LIMITS.min) errors.memoryBudgetMb = `The memory budget is at least ${MEMORY_BUDGET_LIMITS.min} MB`;
  else if (budget > MEMORY_BUDGET_LIMITS.max)
    errors.memoryBudgetMb = `The memory budget is at most ${formatCount(MEMORY_BUDGET_LIMITS.max)} MB`;
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
    maxCaptureMb: form.maxCaptureMb.trim() === '' ? null : (parseWholeNumber(form.maxCaptureMb) ?? settings.maxCaptureMb),
    memoryBudgetMb: parseWholeNumber(form.memoryBudgetMb) ?? settings.memoryBudgetMb,
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
