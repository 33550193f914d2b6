// The alert lines `sse-scope watch` prints: columns a person (or grep) can read, the recovery
// marked as such, and the server's text unable to drive the terminal.

import { expect, it } from 'vitest';
import type { Alert, AlertUpdate } from '../../main/common/alerts.ts';
import { jsonLine, textLine } from '../../main/cli/alert-output.ts';

const NOW = Date.parse('2025-03-01T09:07:12Z');

const alert: Alert = {
  id: 'a-1',
  time: NOW - 60_000,
  connectionId: 'c-1',
  connectionName: 'Orders',
  rule: 'stale',
  ruleId: null,
  watchdog: 'stale',
  severity: 'warning',
  message: 'No event for 1 min',
  preview: null,
  seq: 41,
  captureId: '20250301-090000-000-abcdef',
  count: 1,
  acknowledged: false,
  recoveredAt: null,
  recovery: null,
};

it('prints time, feed, severity, rule and text, and "recovered" in place of the severity for a recovery', () => {
  expect(textLine({ change: 'raised', alert, text: alert.message }, NOW)).toBe(
    '2025-03-01T09:07:12.000Z  Orders  warning  stale  No event for 1 min\n',
  );
  const recovered: AlertUpdate = { change: 'recovered', alert: { ...alert, recoveredAt: NOW }, text: 'Events again after 4 min 12 s' };
  expect(textLine(recovered, NOW)).toBe('2025-03-01T09:07:12.000Z  Orders  recovered  stale  Events again after 4 min 12 s\n');
});

it('shows control characters in the server text escaped, so an escape sequence is not run by the terminal', () => {
  const line = textLine({ change: 'raised', alert, text: 'event "x" #1: \u001b[2J\u001b]0;pwned\u0007 done\r\n' }, NOW);
  expect(line).toBe('2025-03-01T09:07:12.000Z  Orders  warning  stale  event "x" #1: \\x1b[2J\\x1b]0;pwned\\x07 done\\x0d\\x0a\n');
  // eslint-disable-next-line no-control-regex -- no control character may be left
  expect(line.slice(0, -1)).not.toMatch(/[\u0000-\u001f]/);
});

it('writes --json lines with the change, the time, the text and the whole alert', () => {
  const parsed = JSON.parse(jsonLine({ change: 'raised', alert, text: alert.message }, NOW)) as Record<string, unknown>;
  expect(parsed).toEqual({ change: 'raised', time: NOW, text: 'No event for 1 min', alert });
});
