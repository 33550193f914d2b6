// The errors handlers throw on purpose, with messages a user can read: an unknown id is
// 'not-found' ("No session s-12"); anything else a command cannot do is 'failed'.

import { CommandError } from './dispatcher.ts';

export function notFound(message: string): CommandError {
  return new CommandError(message, 'not-found');
}

export function failed(message: string): CommandError {
  return new CommandError(message, 'failed');
}

/** The user's error, worded by whoever threw it (config, curl import, capture library...). */
export { messageOf } from '../../common/error-message.ts';
