// `npm run bench`: starts the SSE server process, runs each section, prints the report.
// Not a test: figures are informational and the exit code is 0 unless a case produced wrong
// results or crashed. Add a section with its own file and one line in SECTIONS.
// Flags: --events N (default 1,000,000), --runs N (default 5), --only TEXT[,TEXT] (the cases
// whose id contains one of them). Quick run: npm run bench -- --events 100000 --runs 2. Profile one case: after a build,
// node --expose-gc --cpu-prof dist/bench/index.js --only engine (ids: fetch, engine, eventsource,
// cli, parser-ours, parser-eventsource-parser, memory, store, export, monitor, llm-json-parse, llm-openai-merger,
// llm-tracker, config, ingest-firehose, ingest-32-sessions).

import { loadavg } from 'node:os';
import { createNodeFetch } from '../../main/core/sse/node-fetch.ts';
import { parseBenchArgs } from './args.ts';
import type { BenchContext, BenchSection } from './bench-types.ts';
import { httpSection } from './http-section.ts';
import { ingestSection } from './ingest-section.ts';
import { llmSection } from './llm-section.ts';
import { machineLines } from './machine.ts';
import { memorySection } from './memory-section.ts';
import { monitorSection } from './monitor-bench.ts';
import { parserSection } from './parser-section.ts';
import { replaySection } from './replay-section.ts';
import { printHeader, printSection } from './report.ts';
import { startBenchServer } from './sse-server.ts';
import { errorText } from './timing.ts';
import { exportSection } from './export-section.ts';
import { storeSection } from './store-bench.ts';
import { uiSection } from './ui-section.ts';
import { configSection } from './config-section.ts';

const SECTIONS: BenchSection[] = [
  httpSection,
  parserSection,
  memorySection,
  storeSection,
  exportSection,
  monitorSection,
  llmSection,
  replaySection,
  uiSection,
  configSection,
  ingestSection,
];

const startedAt = performance.now();
const args = parseBenchArgs(process.argv.slice(2));
printHeader(machineLines(), `${args.events.toLocaleString('en')} events x ${args.runs} runs${args.only ? `, only ${args.only}` : ''}`);
if (!(globalThis as { gc?: unknown }).gc) console.log('  (no --expose-gc: runs are not separated by a GC and memory is not measured)');

const server = await startBenchServer();
const ctx: BenchContext = { ...args, server, fetch: createNodeFetch() };
let failed = false;
try {
  for (const section of SECTIONS) {
    try {
      const report = await section.run(ctx);
      printSection(report);
      failed ||= report.failed;
    } catch (error) {
      console.log(`\n== ${section.title}\n  CRASHED: ${errorText(error)}`);
      failed = true;
    }
  }
} finally {
  await server.stop();
}
const load = loadavg()
  .map((l) => l.toFixed(2))
  .join(' ');
console.log(`\ndone in ${((performance.now() - startedAt) / 1000).toFixed(0)} s; load now ${load} (1, 5, 15 min)`);
// Exit explicitly: a case that failed may have left a connection or a timer behind.
process.exit(failed ? 1 : 0);
