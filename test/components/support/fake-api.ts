// An api client for mounting components without a main process: the open sessions' views (what
// 'sessions:list' answers; 'sessions:dispose' forgets one; 'captures:open' opens one of the
// captures it was given), the workspace the sessions state keeps, the alerts (acknowledged as the
// main process does, with the 'alerts:changed' push), and one session's records held in memory,
// searched with the real query parser and matcher (so a bad regex gets the real error and
// position), counted with the real RecordCounts. A test may add (or replace) the answers of other
// commands. Every call is recorded for tests to inspect; commands it does not know reject, as the
// main process would answer an unknown command.

import type {
  Alert,
  CommandName,
  CommandRequest,
  CommandResponse,
  PushName,
  PushPayload,
  SearchAnswer,
  SessionView,
  SseRecord,
  WorkspaceView,
} from '../../../main/contract.ts';
import { compileQuery } from '../../../main/common/query-matcher.ts';
import { parseQuery } from '../../../main/common/query-parser.ts';
import { RecordCounts } from '../../../main/common/record-counts.ts';
import { ApiError, type ApiClient, type PayloadArgs } from '../../../renderer/src/lib/api/index.ts';

export interface FakeCall {
  name: CommandName;
  payload: unknown;
}

export interface FakeApi extends ApiClient {
  readonly calls: FakeCall[];
  /** The calls made to one command, payloads only. */
  payloadsOf<K extends CommandName>(name: K): CommandRequest<K>[];
  /** Sends a push to the listeners, as the main process would. */
  emit<K extends PushName>(name: K, payload: PushPayload<K>): void;
  /** Resolves once every call made so far has been answered, and what awaited it has run. */
  idle(): Promise<void>;
}

/** Answers a test gives to commands, by name. */
export type FakeHandlers = { [K in CommandName]?: (payload: CommandRequest<K>) => CommandResponse<K> };

export interface FakeApiOptions {
  alerts?: Alert[];
  /** Captures 'captures:open' can open, as the session view it answers. */
  captures?: SessionView[];
  /** Answers to add, or to use instead of the fake's own. */
  handlers?: FakeHandlers;
}

export function fakeApi(records: SseRecord[], sessions: SessionView[] = [], options: FakeApiOptions = {}): FakeApi {
  const calls: FakeCall[] = [];
  const listeners = new Map<PushName, Set<(payload: never) => void>>();
  const pending = new Set<Promise<unknown>>();
  let workspace: WorkspaceView = { sessionIds: [], activeSessionId: null };
  let alerts = options.alerts ?? [];
  const emit = <K extends PushName>(name: K, payload: PushPayload<K>) => {
    for (const listener of listeners.get(name) ?? []) (listener as (payload: unknown) => void)(payload);
  };
  const acknowledge = (alert: Alert): Alert => {
    const acknowledged = { ...alert, acknowledged: true };
    alerts = alerts.map((known) => (known.id === alert.id ? acknowledged : known));
    emit('alerts:changed', { change: 'acknowledged', alert: acknowledged, text: 'Acknowledged' });
    return acknowledged;
  };

  const handlers: FakeHandlers = {
    'sessions:list': () => sessions,
    'sessions:dispose': ({ sessionId }) => {
      sessions = sessions.filter((view) => view.id !== sessionId);
    },
    'captures:open': ({ captureId }) => {
      const view = sessions.find((open) => open.captureId === captureId) ?? options.captures?.find((c) => c.captureId === captureId);
      if (!view) throw new ApiError(`No capture ${captureId}`, 'not-found', 'captures:open');
      if (!sessions.includes(view)) sessions = [...sessions, view];
      return view;
    },
    'sessions:stats': () => null,
    'workspace:get': () => workspace,
    'workspace:save': (view) => {
      workspace = view;
    },
    'alerts:list': () => alerts,
    'alerts:acknowledge': ({ id }) => {
      const alert = alerts.find((known) => known.id === id);
      if (!alert) throw new ApiError(`No alert ${id}`, 'not-found', 'alerts:acknowledge');
      return acknowledge(alert);
    },
    'alerts:acknowledge-all': () => alerts.filter((alert) => !alert.acknowledged).map(acknowledge).length,
    'overview:list': () => [],
    'records:range': ({ fromSeq, count }) => records.filter((r) => r.seq >= fromSeq && r.seq < fromSeq + count),
    'records:latest': ({ count }) => records.slice(-count),
    'records:counts': () => {
      const counts = new RecordCounts();
      for (const record of records) counts.add(record);
      return counts.snapshot();
    },
    'records:search': ({ query, offset, limit }): SearchAnswer => {
      const parsed = parseQuery(query);
      if (!parsed.ok) return { status: 'invalid', query, error: parsed.error };
      const compiled = compileQuery(parsed.terms);
      const matching = records.filter((record) => compiled.test(record));
      const hits = matching.slice(offset, offset + limit).map((record) => ({ record, matches: compiled.highlight(record) }));
      return { status: 'done', query, total: matching.length, offset, hits };
    },
    ...options.handlers,
  };

  return {
    calls,
    payloadsOf: <K extends CommandName>(name: K) =>
      calls.filter((call) => call.name === name).map((call) => call.payload as CommandRequest<K>),
    call<K extends CommandName>(name: K, ...[payload]: PayloadArgs<K>): Promise<CommandResponse<K>> {
      calls.push({ name, payload });
      const answer = (async () => {
        const handler = handlers[name] as ((payload: unknown) => CommandResponse<K>) | undefined;
        if (!handler) throw new ApiError(`The fake api has no ${name}`, 'unknown-command', name);
        return handler(payload);
      })();
      pending.add(answer);
      void answer.finally(() => pending.delete(answer)).catch(() => {});
      return answer;
    },
    on(name, listener) {
      let set = listeners.get(name);
      if (!set) listeners.set(name, (set = new Set()));
      set.add(listener as (payload: never) => void);
      return () => set.delete(listener as (payload: never) => void);
    },
    emit,
    async idle() {
      // Awaited after the callers' own awaits, so their continuations have run by then.
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
  };
}
