// Type-level tests of the contract (main/contract.ts): the request and response types of a few
// commands and pushes are pinned, a wrong name or payload does not compile, and the runtime name
// lists match the maps. The expectTypeOf and @ts-expect-error lines are checked by `tsc -b`
// (which `npm test` runs first); the runtime lines by Vitest.

import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  COMMAND_NAMES,
  commands,
  isCommandName,
  isPushName,
  PUSH_NAMES,
  pushes,
  type AppInfo,
  type CommandName,
  type CommandRequest,
  type CommandResponse,
  type CommandResult,
  type ConnectionInput,
  type Dispatch,
  type PushName,
  type PushPayload,
  type SavedConnection,
  type ScopeBridge,
  type SessionView,
  type SseRecord,
} from '../../main/contract.ts';
import { commandSchemas } from '../../main/core/app/command-schemas.ts';

describe('the contract types', () => {
  it('pins the request and response of some commands', () => {
    expectTypeOf<CommandRequest<'app:info'>>().toEqualTypeOf<void>();
    expectTypeOf<CommandResponse<'app:info'>>().toEqualTypeOf<AppInfo>();
    expectTypeOf<CommandRequest<'connections:save'>>().toEqualTypeOf<{ id?: string; connection: ConnectionInput }>();
    expectTypeOf<CommandResponse<'connections:save'>>().toEqualTypeOf<SavedConnection>();
    expectTypeOf<CommandRequest<'sessions:open'>>().toEqualTypeOf<{ connectionId: string }>();
    expectTypeOf<CommandResponse<'sessions:open'>>().toEqualTypeOf<SessionView>();
    expectTypeOf<CommandRequest<'records:range'>>().toEqualTypeOf<{ sessionId: string } & { fromSeq: number; count: number }>();
    expectTypeOf<CommandResponse<'records:range'>>().toEqualTypeOf<SseRecord[]>();
    expectTypeOf<CommandResponse<'captures:import'>>().toEqualTypeOf<SessionView | null>();
  });

  it('pins the payload of some pushes', () => {
    expectTypeOf<PushPayload<'app:menu'>>().toEqualTypeOf<{ action: 'new-connection' | 'import' | 'export-collection' | 'close-tab' }>();
    expectTypeOf<PushPayload<'session:records'>>().toEqualTypeOf<{
      sessionId: string;
      records: SseRecord[];
      skipped: { fromSeq: number; toSeq: number } | null;
    }>();
  });

  it('types the bridge and the dispatcher by command name', () => {
    const bridge = {} as ScopeBridge;
    expectTypeOf(bridge.call<'sessions:open'>).parameters.toEqualTypeOf<['sessions:open', { connectionId: string }]>();
    expectTypeOf(bridge.call<'sessions:open'>).returns.toEqualTypeOf<Promise<CommandResult<SessionView>>>();
    expectTypeOf(bridge.on<'app:menu'>)
      .parameter(1)
      .toEqualTypeOf<(payload: PushPayload<'app:menu'>) => void>();
    expectTypeOf(bridge.on<'app:menu'>).returns.toEqualTypeOf<() => void>();
    expectTypeOf<ReturnType<Dispatch>>().toEqualTypeOf<Promise<CommandResult<CommandResponse<CommandName>>>>();
    expectTypeOf<CommandResult<number>>().toEqualTypeOf<
      | { ok: true; value: number }
      | { ok: false; error: { message: string; code: 'invalid-payload' | 'not-found' | 'failed' | 'forbidden' | 'unknown-command' } }
    >();
  });

  it('refuses unknown names and wrong payloads at compile time', () => {
    const bridge = {} as ScopeBridge;
    const compileOnly = (_: () => unknown) => {};
    // @ts-expect-error: not a command of the contract
    compileOnly(() => bridge.call('shell:exec', 'rm -rf /'));
    // @ts-expect-error: a push is not a command
    compileOnly(() => bridge.call('app:menu', { action: 'import' }));
    // @ts-expect-error: sessions:open takes a connectionId, not a sessionId
    compileOnly(() => bridge.call('sessions:open', { sessionId: 's-1' }));
    // @ts-expect-error: not a push of the contract
    compileOnly(() => bridge.on('session:secrets', () => {}));
    // @ts-expect-error: app:menu's payload has no `command`
    compileOnly(() => bridge.on('app:menu', (payload) => payload.command));
    // @ts-expect-error: an unknown name has no request type
    type _Unknown = CommandRequest<'nope:nothing'>;
    expectTypeOf<CommandName>().not.toEqualTypeOf<string>();
    expectTypeOf<PushName>().not.toEqualTypeOf<string>();
  });
});

describe('the contract name lists', () => {
  it('COMMAND_NAMES covers every command, once, and each has a payload schema', () => {
    expectTypeOf(COMMAND_NAMES).toEqualTypeOf<CommandName[]>();
    expect([...COMMAND_NAMES].sort()).toEqual(Object.keys(commands).sort());
    expect(new Set(COMMAND_NAMES).size).toBe(COMMAND_NAMES.length);
    expect(Object.keys(commandSchemas).sort()).toEqual([...COMMAND_NAMES].sort());
  });

  it('PUSH_NAMES covers every push, once', () => {
    expectTypeOf(PUSH_NAMES).toEqualTypeOf<PushName[]>();
    expect([...PUSH_NAMES].sort()).toEqual(Object.keys(pushes).sort());
    expect(new Set(PUSH_NAMES).size).toBe(PUSH_NAMES.length);
  });

  it('names are domain:verb, and a name is a command or a push by the maps alone', () => {
    for (const name of [...COMMAND_NAMES, ...PUSH_NAMES]) expect(name).toMatch(/^[a-z]+:[a-z-]+$/);
    expect(COMMAND_NAMES.every(isCommandName)).toBe(true);
    expect(PUSH_NAMES.every(isPushName)).toBe(true);
    for (const name of ['constructor', '__proto__', 'hasOwnProperty', 'app:menu', '', 'APP:INFO']) {
      expect(isCommandName(name), name).toBe(false);
    }
    expect(isPushName('app:info')).toBe(false);
  });
});
