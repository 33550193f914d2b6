// Turns a command name and an untrusted payload into a CommandResult: check the name, validate the
// payload against its schema, run the handler, and turn any failure into a readable error. Both
// transports (Electron IPC, the browser-mode WebSocket) call this one function.

import type { z } from 'zod';
import {
  isCommandName,
  type CommandName,
  type CommandRequest,
  type CommandResponse,
  type CommandResult,
  type Dispatch,
  type ErrorCode,
} from '../../contract.ts';
import { redactText } from '../export/secret-mask.ts';
import { commandSchemas } from './command-schemas.ts';
import { messageOf } from '../../common/error-message.ts';
import { describeProblems } from '../../common/validation-problems.ts';

export type CommandHandlers = {
  [K in CommandName]: (payload: CommandRequest<K>) => Promise<CommandResponse<K>> | CommandResponse<K>;
};

/** An error a handler throws on purpose, with a message meant for the user. */
export class CommandError extends Error {
  readonly code: ErrorCode;
  constructor(message: string, code: ErrorCode = 'failed') {
    super(message);
    this.code = code;
  }
}

export function createDispatch(handlers: CommandHandlers, onUnexpected: (name: string, error: unknown) => void = () => {}): Dispatch {
  return async <K extends CommandName>(name: K, payload: unknown): Promise<CommandResult<CommandResponse<K>>> => {
    if (!isCommandName(name)) return failure(`Unknown command: ${String(name).slice(0, 100)}`, 'unknown-command');
    const schema = commandSchemas[name] as z.ZodType<CommandRequest<K>>;
    const parsed = schema.safeParse(payload);
    if (!parsed.success) return failure(`Invalid request for ${name}:\n${describeProblems(parsed.error, 3)}`, 'invalid-payload');
    try {
      const handler = handlers[name] as (payload: CommandRequest<K>) => Promise<CommandResponse<K>> | CommandResponse<K>;
      return { ok: true, value: await handler(parsed.data) };
    } catch (error) {
      if (error instanceof CommandError) return failure(error.message, error.code);
      onUnexpected(name, error);
      // Not written for the user, so it may quote a URL with credentials: those are masked.
      return failure(redactText(messageOf(error)), 'failed');
    }
  };
}

function failure(message: string, code: ErrorCode): { ok: false; error: { message: string; code: ErrorCode } } {
  return { ok: false, error: { message, code } };
}
