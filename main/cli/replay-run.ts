// One `replay` run: opens the capture read-only, starts the replay server on it, prints the URL
// to use and a line per client that connects or leaves, and on Ctrl-C (or SIGTERM) ends every
// client's stream and stops. Problems that keep the replay from starting are bad usage (exit 2).

import { isLoopbackHost } from '../core/replay/listen-address.ts';
import { ReplayError } from '../core/replay/replay-error.ts';
import { ReplayServer, type ReplayClient, type ReplayEnd, type ReplayServerEvent } from '../core/replay/replay-server.ts';
import { CaptureLibrary } from '../core/store/capture-library.ts';
import { resolveCaptureArgument, withOpenedCapture } from './capture-source.ts';
import { EXIT_OK, UsageError } from './command-exit.ts';
import { formatCount } from '../common/number-format.ts';

export interface ReplaySettings {
  /** The <capture> argument: an id, an id prefix or a file. */
  capture: string;
  capturesFolder: string;
  host: string;
  port: number;
  speed: number;
  loop: boolean;
  /** null: every path. */
  path: string | null;
}

/** Longest Last-Event-ID shown in a client line. */
const MAX_SHOWN_ID = 60;

export async function runReplay(settings: ReplaySettings): Promise<number> {
  const target = await resolveCaptureArgument(settings.capture, new CaptureLibrary(settings.capturesFolder));
  return withOpenedCapture(target, async ({ store, label }, _status, signal) => {
    let server: ReplayServer;
    try {
      server = await ReplayServer.start({
        store,
        host: settings.host,
        port: settings.port,
        speed: settings.speed,
        loop: settings.loop,
        path: settings.path,
      });
    } catch (error) {
      if (error instanceof ReplayError) throw new UsageError(problemMessage(label, error));
      throw error;
    }
    const out = (line: string) => process.stdout.write(line + '\n');
    if (!isLoopbackHost(server.host)) {
      process.stderr.write(`sse-scope: warning: listening on ${server.host}: other computers that can reach it can read this recording\n`);
    }
    if (!server.recording.timed && server.speed !== 0) {
      process.stderr.write(`sse-scope: ${label} has no receive times (a text/event-stream file): its events go out without gaps\n`);
    }
    out(`Replaying ${label}: ${describeRecording(server)}`);
    out(`Serving at ${server.url}${server.path === null ? ' (any path)' : ''} - Ctrl-C to stop`);
    server.onEvent((event) => out(`[${clockTime(Date.now())}] ${describeEvent(event)}`));

    await aborted(signal);
    await server.stop();
    out('Stopped.');
    return EXIT_OK;
  });
}

function problemMessage(label: string, error: ReplayError): string {
  switch (error.code) {
    case 'port-in-use':
      return `${error.message}: choose another with --port, or --port 0 for any free one`;
    case 'cannot-listen':
    case 'bad-option':
      return error.message;
    default:
      return `cannot replay ${label}: ${error.message}`;
  }
}

function describeRecording(server: ReplayServer): string {
  const { events, comments, reconnects, durationMs, timed } = server.recording;
  const parts = [`${plural(events, 'event')}`];
  if (comments > 0) parts.push(plural(comments, 'comment'));
  if (reconnects > 0) parts.push(plural(reconnects, 'reconnect'));
  const pace =
    server.speed === 0 ? 'as fast as each client reads' : server.speed === 1 ? 'at the recorded pace' : `at speed ${server.speed}`;
  const span = timed ? ` over ${(durationMs / 1000).toFixed(1)} s` : '';
  return `${parts.join(', ')}${span}, ${pace}${server.loop ? ', looping' : ''}`;
}

function describeEvent(event: ReplayServerEvent): string {
  switch (event.kind) {
    case 'joined':
      return `client ${event.client.id} connected from ${event.client.address}: ${event.client.method} ${event.client.path}, ${startText(event.client)}`;
    case 'left':
      return `client ${event.client.id} left: ${END_TEXT[event.reason]} (${plural(event.client.eventsSent, 'event')} sent)`;
    case 'refused':
      return `${event.method} ${event.path} from ${event.address}: answered ${event.status}, not the replay's path`;
  }
}

function startText(client: ReplayClient): string {
  const id = client.lastEventId === null ? '' : shownId(client.lastEventId);
  switch (client.start) {
    case 'reconnect':
      return 'going on after the recorded reconnect';
    case 'last-event-id':
      return `resuming after Last-Event-ID ${id}`;
    case 'beginning':
      return client.lastEventId === null ? 'from the start' : `from the start (Last-Event-ID ${id} is not in the recording)`;
  }
}

const END_TEXT: Record<ReplayEnd, string> = {
  reconnect: 'closed at a recorded reconnect',
  ended: 'the recorded stream ended',
  over: 'nothing left to send, answered 204 No Content',
  disconnected: 'disconnected',
  stopped: 'the replay stopped',
  failed: 'the recording could not be read',
};

/** A client's Last-Event-ID, quoted with its control characters escaped, and cut short if long. */
function shownId(id: string): string {
  return JSON.stringify(id.length > MAX_SHOWN_ID ? id.slice(0, MAX_SHOWN_ID) + '…' : id);
}

function plural(count: number, noun: string): string {
  return `${formatCount(count)} ${noun}${count === 1 ? '' : 's'}`;
}

function clockTime(epochMs: number): string {
  const d = new Date(epochMs);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

function aborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}
