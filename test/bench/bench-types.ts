// The shapes every benchmark section shares: what a section is given (BenchContext), what a timed
// case returns, and what a section hands the report. A new section is one file exporting a
// BenchSection, plus one line in index.ts.

import type { FetchFunction } from '../../main/core/sse/fetch-types.ts';
import type { BenchServer } from './sse-server.ts';

/** The command line's settings: all a case that needs no server (an in-memory one) is given. */
export interface RunSettings {
  /** Events per measured run (--events). */
  events: number;
  /** Timed runs per case (--runs). */
  runs: number;
  /** --only a,b: run only the cases whose id contains one of the texts (see selected()); null: all. */
  only: string | null;
}

export interface BenchContext extends RunSettings {
  server: BenchServer;
  /** One undici fetch (the engine's own client stack), shared by every HTTP case. */
  fetch: FetchFunction;
}

/** What one timed run processed, and how long it took. */
export interface RunResult {
  events: number;
  bytes: number;
  ms: number;
  /** The part of `ms` that a new process spends starting up, measured next to the run (CLI only). */
  startupMs?: number;
  /** CPU time of the run, user + system over every thread (cases that measure it). */
  cpuMs?: number;
}

export interface ThroughputCase<Context extends RunSettings = BenchContext> {
  /** Short stable id (used by --only and by targets). */
  id: string;
  name: string;
  /** Why this case cannot run here, or null when it can (checked once, before timing). */
  unavailable?(ctx: Context): Promise<string | null>;
  /** One run over `count` events; throws when the result is wrong (missing events, bad exit). */
  run(ctx: Context, count: number): Promise<RunResult>;
}

export interface Target {
  label: string;
  /** null when it could not be measured (a case unavailable or failed). */
  met: boolean | null;
  detail: string;
}

export interface SectionReport {
  title: string;
  columns: string[];
  rows: string[][];
  targets: Target[];
  notes: string[];
  /** A case failed in a way that means a bug (wrong count, crash): the bench exits non-zero. */
  failed: boolean;
}

export interface BenchSection {
  title: string;
  run(ctx: BenchContext): Promise<SectionReport>;
}
