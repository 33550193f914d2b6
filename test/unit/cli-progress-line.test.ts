// The progress line `capture` draws on a terminal (progress-line.ts), with a fake clock and stream.

import { expect, test } from 'vitest';
import { ProgressLine, progressText } from '../../main/cli/progress-line.ts';

test('the text: thousands separators, byte units as the app shows them, whole events per second', () => {
  expect(progressText({ events: 12345, bytes: 1_234_567 }, 4321.4)).toBe('events 12,345 · 1.2 MB · 4,321 ev/s');
  expect(progressText({ events: 0, bytes: 0 }, 0)).toBe('events 0 · 0 B · 0 ev/s');
});

test('redraws in place with the rate over the last interval, and erases itself when stopped', () => {
  let now = 0;
  const counts = { events: 0, bytes: 0 };
  const written: string[] = [];
  const line = new ProgressLine(
    { write: (text) => written.push(text) },
    () => counts,
    () => now,
  );

  now = 500;
  counts.events = 1000;
  counts.bytes = 50_000;
  line.redraw();
  now = 1000;
  counts.events = 1100;
  line.redraw();
  line.stop();

  expect(written).toEqual(['\r\x1b[2Kevents 1,000 · 49 KB · 2,000 ev/s', '\r\x1b[2Kevents 1,100 · 49 KB · 200 ev/s', '\r\x1b[2K']);
});

test('a line never drawn is not erased', () => {
  const written: string[] = [];
  new ProgressLine({ write: (text) => written.push(text) }, () => ({ events: 0, bytes: 0 })).stop();
  expect(written).toEqual([]);
});
