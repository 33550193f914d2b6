// The bench's command line: --events N (default 1,000,000), --runs N (default 5), --only TEXT[,TEXT...].

import { parseArgs } from 'node:util';

export interface BenchArgs {
  events: number;
  runs: number;
  /** --only as given: comma-separated texts, or null to run everything. */
  only: string | null;
}

/** Whether the case (or section) with this id runs under --only: its id contains one of the texts. */
export function selected(only: string | null, id: string): boolean {
  if (!only) return true;
  return only.split(',').some((text) => text !== '' && id.includes(text));
}

export function parseBenchArgs(argv: string[]): BenchArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      events: { type: 'string', default: '1000000' },
      runs: { type: 'string', default: '5' },
      only: { type: 'string' },
    },
  });
  return {
    events: positiveInteger('--events', values.events),
    runs: positiveInteger('--runs', values.runs),
    only: values.only ?? null,
  };
}

function positiveInteger(flag: string, text: string): number {
  const value = Number(text.replaceAll('_', ''));
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${flag} wants a positive integer, got "${text}"`);
  return value;
}
