// How an alert reads and marks things: severities ranked (critical above warning above info), the
// mark a tab or a sidebar entry shows for the open alerts it stands for (the worst severity and
// how many), and the words for them.

import { isOpenAlert, type Alert, type AlertSeverity } from '../../../../main/common/alerts.ts';

export const SEVERITY_RANK: Readonly<Record<AlertSeverity, number>> = { critical: 3, warning: 2, info: 1 };

export const SEVERITY_LABELS: Readonly<Record<AlertSeverity, string>> = { critical: 'Critical', warning: 'Warning', info: 'Info' };

/** The open alerts something stands for: how many, and the worst of them. */
export interface AlertMark {
  severity: AlertSeverity;
  count: number;
}

export function worse(a: AlertSeverity, b: AlertSeverity): AlertSeverity {
  return SEVERITY_RANK[a] >= SEVERITY_RANK[b] ? a : b;
}

export interface AlertMarks {
  byConnection: Map<string, AlertMark>;
  byCapture: Map<string, AlertMark>;
  /** All of them; null when none is open. */
  overall: AlertMark | null;
}

/** The marks of the open alerts, by connection id and by capture id, and of all of them. */
export function markAlerts(alerts: readonly Alert[]): AlertMarks {
  const byConnection = new Map<string, AlertMark>();
  const byCapture = new Map<string, AlertMark>();
  const all = new Map<string, AlertMark>();
  for (const alert of alerts) {
    if (!isOpenAlert(alert)) continue;
    add(byConnection, alert.connectionId, alert.severity);
    add(byCapture, alert.captureId, alert.severity);
    add(all, '', alert.severity);
  }
  return { byConnection, byCapture, overall: all.get('') ?? null };
}

function add(marks: Map<string, AlertMark>, key: string, severity: AlertSeverity): void {
  const mark = marks.get(key);
  if (mark) {
    mark.count++;
    mark.severity = worse(mark.severity, severity);
  } else {
    marks.set(key, { severity, count: 1 });
  }
}

/** "2 open alerts, the worst critical" — for a screen reader and a tooltip. */
export function describeMark(mark: AlertMark): string {
  const alerts = mark.count === 1 ? '1 open alert' : `${mark.count} open alerts`;
  return `${alerts}, ${mark.count === 1 ? '' : 'the worst '}${mark.severity}`;
}
