// What can keep a recording from being served, each with a code the caller can act on (the CLI
// exits 2 for all of them; the app shows the message) and a message in plain words.

export type ReplayProblem =
  /** The file held no records at all: not a capture, an export or a text/event-stream. */
  | 'not-a-capture'
  /** Records, but not one event to send (a connection that failed, only comments). */
  | 'no-events'
  /** Something else listens on the port. */
  | 'port-in-use'
  /** The host or port cannot be listened on (not an address of this computer, a privileged port). */
  | 'cannot-listen'
  /** A speed, port or path that makes no sense. */
  | 'bad-option';

export class ReplayError extends Error {
  override name = 'ReplayError';
  readonly code: ReplayProblem;

  constructor(code: ReplayProblem, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}
