// The connection editor's monitoring part as a form: the alert rules (name, query, severity,
// enabled), the watchdog's thresholds and the "monitor" switch, turned from a saved connection into
// editable fields, checked (a query gets the search bar's own message and position, from the same
// parser) and turned back into the fields of the ConnectionInput the main process saves.

import type { AlertSeverity, ConnectionInput, SavedConnection } from '../../../../main/contract.ts';
import { parseQuery, type QueryError } from '../../../../main/common/query-parser.ts';

export interface RuleRow {
  /** Keys the row in the list; not saved. */
  key: number;
  /** The saved rule's id (kept, so an edited rule keeps its rate-limit window); none for a new one. */
  id: string | undefined;
  name: string;
  query: string;
  severity: AlertSeverity;
  enabled: boolean;
}

export interface WatchdogForm {
  enabled: boolean;
  staleAfterSec: number | null;
  maxReconnects: number | null;
  reconnectWindowMin: number | null;
}

export interface MonitorForm {
  monitor: boolean;
  rules: RuleRow[];
  watchdog: WatchdogForm;
}

export type WatchdogField = 'staleAfterSec' | 'maxReconnects' | 'reconnectWindowMin';

/** What is wrong, by rule key and by watchdog field; empty when nothing is. */
export interface MonitorErrors {
  rules: Map<number, QueryError>;
  watchdog: Partial<Record<WatchdogField, string>>;
}

/** The schema's defaults (config-schema.ts WatchdogSchema), for a new connection. */
const NEW_WATCHDOG: WatchdogForm = { enabled: false, staleAfterSec: 60, maxReconnects: 5, reconnectWindowMin: 10 };

/** Each watchdog field's range, as the schema allows it. */
export const WATCHDOG_LIMITS: Readonly<Record<WatchdogField, { min: number; max: number; message: string }>> = {
  staleAfterSec: { min: 0, max: 7 * 24 * 3600, message: 'Enter whole seconds, from 0 (never) to a week (604800).' },
  maxReconnects: { min: 0, max: 100_000, message: 'Enter a whole number of reconnects (0: never).' },
  reconnectWindowMin: { min: 1, max: 24 * 60, message: 'Enter whole minutes, from 1 to a day (1440).' },
};

let nextRowKey = 1;

export function ruleRow(fields: Partial<Omit<RuleRow, 'key'>> = {}): RuleRow {
  return { key: nextRowKey++, id: undefined, name: '', query: '', severity: 'warning', enabled: true, ...fields };
}

export function monitorFormFrom(saved: SavedConnection | null): MonitorForm {
  if (!saved) return { monitor: false, rules: [], watchdog: { ...NEW_WATCHDOG } };
  return {
    monitor: saved.monitor,
    rules: saved.alerts.map((rule) =>
      // A rule saved without a name was named after its query: shown as unnamed again.
      ruleRow({
        id: rule.id,
        name: rule.name === rule.query ? '' : rule.name,
        query: rule.query,
        severity: rule.severity,
        enabled: rule.enabled,
      }),
    ),
    watchdog: {
      enabled: saved.watchdog.enabled,
      staleAfterSec: saved.watchdog.staleAfterSec,
      maxReconnects: saved.watchdog.maxReconnects,
      reconnectWindowMin: saved.watchdog.reconnectWindowMin,
    },
  };
}

/** A row left empty is dropped on save, not an error. */
export function isBlankRule(row: RuleRow): boolean {
  return row.name.trim() === '' && row.query.trim() === '';
}

/** Why a rule's query cannot be watched, in the search bar's words; null when it can. */
export function queryProblem(query: string): QueryError | null {
  if (query.trim() === '') return { message: 'A rule needs a query: what to watch for, in the search language.', position: 0 };
  const parsed = parseQuery(query);
  return parsed.ok ? null : parsed.error;
}

export function validateMonitorForm(form: MonitorForm): MonitorErrors {
  const rules = new Map<number, QueryError>();
  for (const row of form.rules) {
    if (isBlankRule(row)) continue;
    const problem = queryProblem(row.query);
    if (problem) rules.set(row.key, problem);
  }
  const watchdog: MonitorErrors['watchdog'] = {};
  if (form.watchdog.enabled) {
    for (const [field, limits] of Object.entries(WATCHDOG_LIMITS) as [WatchdogField, (typeof WATCHDOG_LIMITS)[WatchdogField]][]) {
      const value = form.watchdog[field];
      if (value === null || !Number.isInteger(value) || value < limits.min || value > limits.max) watchdog[field] = limits.message;
    }
  }
  return { rules, watchdog };
}

export function hasMonitorErrors(errors: MonitorErrors): boolean {
  return errors.rules.size > 0 || Object.keys(errors.watchdog).length > 0;
}

/** The connection's monitoring fields as `connections:save` takes them. */
export function monitorInput(form: MonitorForm): Pick<ConnectionInput, 'monitor' | 'alerts' | 'watchdog'> {
  const watchdog = form.watchdog;
  return {
    monitor: form.monitor,
    alerts: form.rules
      .filter((row) => !isBlankRule(row))
      .map((row) => ({
        ...(row.id === undefined ? {} : { id: row.id }),
        name: row.name.trim(),
        query: row.query.trim(),
        severity: row.severity,
        enabled: row.enabled,
      })),
    watchdog: {
      enabled: watchdog.enabled,
      // A field left wrong while the watchdog is off keeps the default rather than blocking the save.
      staleAfterSec: valid(watchdog.staleAfterSec, 'staleAfterSec') ?? NEW_WATCHDOG.staleAfterSec!,
      maxReconnects: valid(watchdog.maxReconnects, 'maxReconnects') ?? NEW_WATCHDOG.maxReconnects!,
      reconnectWindowMin: valid(watchdog.reconnectWindowMin, 'reconnectWindowMin') ?? NEW_WATCHDOG.reconnectWindowMin!,
    },
  };
}

function valid(value: number | null, field: WatchdogField): number | null {
  const { min, max } = WATCHDOG_LIMITS[field];
  return value !== null && Number.isInteger(value) && value >= min && value <= max ? value : null;
}

/** The query split around the place an error points at, for a caret under it. */
export function caretParts(query: string, position: number): { before: string; at: string; after: string } {
  const at = Math.min(query.length, Math.max(0, position));
  return { before: query.slice(0, at), at: query.slice(at, at + 1) || ' ', after: query.slice(at + 1) };
}
