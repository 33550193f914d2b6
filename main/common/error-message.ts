// Whatever was thrown, as the words a user reads: the one helper every process uses to turn an
// unknown error into a message.

/**
 * An Error's message, also of one made in another realm (a preload, a worker: where `instanceof
 * Error` fails); anything else, or an Error with no message, as String() writes it.
 */
export function messageOf(error: unknown): string {
  const message = typeof error === 'object' && error !== null ? (error as { message?: unknown }).message : undefined;
  return typeof message === 'string' && message !== '' ? message : String(error);
}
