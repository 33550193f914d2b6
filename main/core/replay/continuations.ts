// Where the next request of a client that the replay closed at a recorded reconnect goes on. A
// real server knows a returning client only by its Last-Event-ID; so does this one, but it also
// remembers, for a while, where it closed each client: a stream without ids (which reconnects
// with no Last-Event-ID) and one whose ids repeat (an id reset, a loop) still continue at the
// right place. A continuation is kept for the recorded reconnect delay plus a grace period, and
// is for the same client address and Last-Event-ID only; past that a request starts afresh.

/** Time a client has, beyond the recorded reconnect delay, to come back. */
export const CONTINUATION_GRACE_MS = 10_000;
/** Continuations kept at most (clients that never came back are forgotten, oldest first). */
const MAX_CONTINUATIONS = 1000;

interface Continuation {
  key: string;
  seq: number;
  expiresAt: number;
}

export class Continuations {
  readonly #clock: () => number;
  #pending: Continuation[] = [];

  constructor(clock: () => number = () => performance.now()) {
    this.#clock = clock;
  }

  /** After closing the client at `address` (its IP) at a reconnect: its next request goes on at `seq`. */
  remember(address: string, lastEventId: string, seq: number, delayMs: number): void {
    this.#drop();
    if (this.#pending.length >= MAX_CONTINUATIONS) this.#pending.shift();
    this.#pending.push({ key: keyOf(address, lastEventId), seq, expiresAt: this.#clock() + delayMs + CONTINUATION_GRACE_MS });
  }

  /** The seq where this request goes on (and forgets it), or null when it is not a returning client. */
  take(address: string, lastEventId: string): number | null {
    this.#drop();
    const key = keyOf(address, lastEventId);
    const index = this.#pending.findIndex((c) => c.key === key);
    if (index === -1) return null;
    return this.#pending.splice(index, 1)[0]!.seq;
  }

  #drop(): void {
    const now = this.#clock();
    this.#pending = this.#pending.filter((c) => c.expiresAt > now);
  }
}

function keyOf(address: string, lastEventId: string): string {
  return `${address}\n${lastEventId}`;
}
