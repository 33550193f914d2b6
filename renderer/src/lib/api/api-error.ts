// The error a command's promise rejects with: the main process's readable message, and a code the
// view can branch on ('not-found', 'invalid-payload'...). 'disconnected' means the answer never
// came: the connection to the main process was lost (the command may or may not have run).

import type { CommandName, ErrorCode } from './scope-bridge.ts';

export type ApiErrorCode = ErrorCode | 'disconnected';

export class ApiError extends Error {
  override name = 'ApiError';
  readonly code: ApiErrorCode;
  /** The command that failed. */
  readonly command: CommandName;

  constructor(message: string, code: ApiErrorCode, command: CommandName) {
    super(message);
    this.code = code;
    this.command = command;
  }
}

/** The ws-bridge rejects a call with this when its connection closes before the answer. */
export class DisconnectedError extends Error {
  override name = 'DisconnectedError';
}
