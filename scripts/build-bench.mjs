// Bundles the benchmark (test/bench) into dist/bench/ with esbuild, since Node 22.12 cannot run .ts:
// the runner, the SSE server it starts as a child process, the parser section's worker, and the
// engine run as a child process for the CLI's like-for-like comparison, the eventsource-based CLI
// that is the CLI's peer, the preload that reports a child's CPU time, and the fixture server as a
// process of its own (the ingest section's feeds).
import { build } from 'esbuild';
import { NODE_BUNDLE } from './node-bundle.mjs';

await build({
  ...NODE_BUNDLE,
  entryPoints: {
    index: 'test/bench/index.ts',
    'sse-server-process': 'test/bench/sse-server-process.ts',
    'parser-worker': 'test/bench/parser-worker.ts',
    'engine-process': 'test/bench/engine-process.ts',
    'eventsource-cli': 'test/bench/eventsource-cli.ts',
    'cpu-report': 'test/bench/cpu-report.ts',
    'fixture-server-process': 'test/helpers/fixture-server-process.ts',
  },
  outdir: 'dist/bench',
});
