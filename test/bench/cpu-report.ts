// Preloaded into the bench's child processes (`node --import dist/bench/cpu-report.js ...`): at exit,
// writes the process's CPU time (user + system, every thread: parser, GC, file writes) as JSON to
// file descriptor 3, a pipe the bench opens for it (see runProcess in cli-bench.ts). The program
// itself is untouched; this only reads the clock once at exit.

import { writeSync } from 'node:fs';

export interface CpuReport {
  userMs: number;
  systemMs: number;
}

const REPORT_FD = 3;

process.on('exit', () => {
  const { user, system } = process.cpuUsage();
  const report: CpuReport = { userMs: user / 1000, systemMs: system / 1000 };
  try {
    writeSync(REPORT_FD, JSON.stringify(report));
  } catch {
    // Run without the bench's pipe: nothing to report to.
  }
});
