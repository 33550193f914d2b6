// Worker entry for the parser section: a worker has its own V8 isolate, so the parsers are timed
// with a JIT and a heap that the HTTP cases (which run our parser inside the Session) have not
// shaped. Receives RunSettings as workerData, posts back the CaseOutcome list.

import { parentPort, workerData } from 'node:worker_threads';
import type { RunSettings } from './bench-types.ts';
import { eventsourceParser, ourParser } from './parser-cases.ts';
import { runInterleaved } from './timing.ts';

const settings = workerData as RunSettings;
parentPort!.postMessage(await runInterleaved([ourParser, eventsourceParser], settings));
