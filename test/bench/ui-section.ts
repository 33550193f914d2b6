// Section: the UI under load, through browser mode in Chromium. A firehose (50,000 events/s for
// 10 s into one open tab), ten sessions at 1,000 events/s each for 30 s, while a scripted user
// scrolls, searches and switches tabs, and the overview (the wall screen) of fifty feeds at 1,000
// events/s each for 30 s while the user scrolls it and goes in and out of full screen. Reports the longest main-thread task and the 95th
// percentile frame time (targets: no task over 100 ms, p95 under 32 ms), that every event sent
// was counted by the app, and the page's memory at the end. --events scales the durations
// (1,000,000, the default, runs them in full; --events 100000 runs a tenth as long).

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright';
import { launchChromium } from '../e2e/support/browser.ts';
import { repoRoot } from '../e2e/support/repo-root.ts';
import { selected } from './args.ts';
import type { BenchSection, SectionReport } from './bench-types.ts';
import { runUiCase, type UiCase, type UiOutcome } from './ui-case.ts';
import { startPacedServer } from './ui-paced-server.ts';
import { errorText } from './timing.ts';

const FULL_EVENTS = 1_000_000;
const MAX_TASK_MS = 100;
const MAX_P95_FRAME_MS = 32;

function cases(events: number): UiCase[] {
  const scale = Math.min(1, events / FULL_EVENTS);
  return [
    {
      id: 'ui-firehose',
      name: '1 tab, 50,000 events/s',
      sessions: 1,
      rate: 50_000,
      seconds: Math.max(1, Math.round(10 * scale * 10) / 10),
    },
    {
      id: 'ui-ten-sessions',
      name: '10 sessions, 1,000 events/s each',
      sessions: 10,
      rate: 1_000,
      seconds: Math.max(2, Math.round(30 * scale * 10) / 10),
    },
    {
      id: 'ui-overview-50-feeds',
      name: 'Overview, 50 feeds at 1,000 events/s each',
      sessions: 50,
      rate: 1_000,
      seconds: Math.max(2, Math.round(30 * scale * 10) / 10),
      view: 'overview',
    },
  ];
}

export const uiSection: BenchSection = {
  title: 'UI in Chromium under load (browser mode): main thread, frames, events counted, memory',
  async run(ctx) {
    const report: SectionReport = {
      title: this.title,
      columns: ['case', 'run', 'sent', 'counted', 'longest task', 'long tasks', 'p95 frame', 'frames', 'JS heap', 'DOM nodes'],
      rows: [],
      targets: [],
      notes: [],
      failed: false,
    };
    const chosen = cases(ctx.events).filter((c) => selected(ctx.only, c.id));
    if (chosen.length === 0) {
      report.rows.push(['not measured', `skipped (--only ${ctx.only})`]);
      return report;
    }
    const missing = missingBuild();
    if (missing) {
      report.rows.push(['not measured', missing]);
      return report;
    }
    let browser: Browser;
    try {
      browser = await launchChromium();
    } catch (error) {
      report.rows.push([
        'not measured',
        `Chromium did not start (install it with npx playwright install chromium, or set SSE_SCOPE_CHROMIUM): ${errorText(error).split('\n')[0]}`,
      ]);
      return report;
    }
    const paced = await startPacedServer();
    try {
      for (const uiCase of chosen) {
        try {
          const outcome = await runUiCase(browser, paced, uiCase);
          report.rows.push(row(uiCase, outcome));
          addTargets(report, uiCase, outcome);
        } catch (error) {
          report.rows.push([uiCase.name, `FAILED: ${errorText(error).split('\n')[0]}`]);
          report.failed = true;
        }
      }
    } finally {
      await paced.close();
      await browser.close();
    }
    report.notes.push(
      'A scripted user scrolls the timeline every 250 ms, runs a new search every 2 s and (with 10 sessions) switches tab every 3 s.',
      'On the overview the user scrolls the tiles every 250 ms and goes in or out of full screen every 5 s; its 50 feeds are opened through the browser-mode protocol.',
      'Long tasks are main-thread tasks over 50 ms (Long Tasks API); frame time is the gap between requestAnimationFrame callbacks.',
      'JS heap is after a forced GC at the end (CDP Performance.getMetrics JSHeapUsedSize); Chromium, the server and the source share the machine.',
    );
    if (ctx.events < FULL_EVENTS)
      report.notes.push(`Durations scaled by --events ${ctx.events.toLocaleString('en')} (full: 10 s, 30 s and 30 s at --events 1000000).`);
    return report;
  },
};

function row(uiCase: UiCase, outcome: UiOutcome): string[] {
  const { metrics, memory } = outcome;
  return [
    uiCase.name,
    `${uiCase.seconds} s (${outcome.streamSeconds.toFixed(1)} s)`,
    outcome.sent.toLocaleString('en'),
    outcome.counted.toLocaleString('en'),
    `${metrics.longestTaskMs.toFixed(0)} ms`,
    String(metrics.longTasks),
    `${metrics.p95FrameMs.toFixed(1)} ms`,
    String(metrics.frames),
    `${(memory.jsHeapUsedBytes / 2 ** 20).toFixed(1)} MiB`,
    String(memory.domNodes),
  ];
}

function addTargets(report: SectionReport, uiCase: UiCase, outcome: UiOutcome): void {
  const { metrics } = outcome;
  const everyEvent = outcome.counted === outcome.sent;
  report.targets.push(
    {
      label: `${uiCase.id}: no main-thread task over ${MAX_TASK_MS} ms`,
      met: metrics.longestTaskMs <= MAX_TASK_MS,
      detail: `longest ${metrics.longestTaskMs.toFixed(0)} ms (${metrics.longTasks} over 50 ms)`,
    },
    {
      label: `${uiCase.id}: p95 frame under ${MAX_P95_FRAME_MS} ms`,
      met: metrics.p95FrameMs < MAX_P95_FRAME_MS,
      detail: `${metrics.p95FrameMs.toFixed(1)} ms over ${metrics.frames} frames`,
    },
    {
      label: `${uiCase.id}: every event counted`,
      met: everyEvent,
      detail: `${outcome.counted.toLocaleString('en')} of ${outcome.sent.toLocaleString('en')} sent`,
    },
  );
  if (outcome.lateStreams > 0)
    report.notes.push(`${uiCase.id}: ${outcome.lateStreams} stream(s) could not be sent at full rate (the app read more slowly).`);
  // Losing events is a bug, not a slow machine.
  if (!everyEvent) report.failed = true;
}

function missingBuild(): string | null {
  const root = repoRoot();
  for (const file of ['dist/server.js', 'dist/renderer/index.html']) {
    if (!existsSync(join(root, file))) return `${file} is missing: run \`npm run build\` first`;
  }
  return null;
}
