// What the demo feed says: the content of event N, fixed by the seed and N alone. A stream that
// resumes from Last-Event-ID therefore continues exactly where it stopped, with no gap and no
// duplicate. The feed runs in cycles of 16 numbered events that show each kind of thing the tool
// displays: JSON prices, an LLM token stream, a two-line notification, plain messages, and one
// event without an id.

import { pick, randomFor, type Random } from './seeded-random.ts';

export interface DemoEvent {
  /** The `id` field; absent for the one id-less event per cycle. */
  id?: number;
  /** The `event` field; absent for plain `message` events. */
  type?: string;
  /** One entry per `data:` line. */
  lines: string[];
}

type Slot = 'price' | 'message' | 'chat' | 'chat-done' | 'notification' | 'message+no-id';

const CYCLE: readonly Slot[] = [
  'price',
  'message',
  'price',
  'chat',
  'chat',
  'chat',
  'chat',
  'chat',
  'chat',
  'chat-done',
  'price',
  'notification',
  'price',
  'message+no-id',
  'price',
  'price',
];
const CHAT_TOKENS = CYCLE.filter((slot) => slot === 'chat').length;
const FIRST_CHAT = CYCLE.indexOf('chat');

const SYMBOLS: Readonly<Record<string, number>> = { ACME: 101, GLOBEX: 48, INITECH: 230, UMBRELLA: 12 };

const REPLIES = [
  'Hello! This reply arrives one token at a time, like an LLM stream.',
  'Server-Sent Events keep one HTTP response open and push text down it.',
  'Each chunk carries a delta; join the deltas to read the whole answer.',
  'The stream ends with [DONE], the way OpenAI marks the last chunk.',
];

const CITIES = ['Lisbon', 'Osaka', 'Denver', 'Nairobi', 'Oslo', 'Recife'];
const USERS = ['ada', 'grace', 'linus', 'margaret', 'dennis', 'barbara'];

/** The numbered event `id` (1, 2, 3...), followed by the id-less event when its slot has one. */
export function demoEvents(seed: number, id: number): DemoEvent[] {
  const position = (id - 1) % CYCLE.length;
  const cycle = Math.floor((id - 1) / CYCLE.length);
  const random = randomFor(seed, id);
  switch (CYCLE[position]!) {
    case 'price':
      return [{ id, type: 'price', lines: [JSON.stringify(priceTick(seed, id, pick(random, Object.keys(SYMBOLS))))] }];
    case 'message':
      return [{ id, lines: [message(random, id)] }];
    case 'message+no-id':
      return [{ id, lines: [message(random, id)] }, { lines: [`This event has no id field, so Last-Event-ID stays at ${id}.`] }];
    case 'chat': {
      const token = chatTokens(seed, cycle)[position - FIRST_CHAT]!;
      return [{ id, type: 'chat', lines: [JSON.stringify({ choices: [{ delta: { content: token } }] })] }];
    }
    case 'chat-done':
      return [{ id, type: 'chat', lines: ['[DONE]'] }];
    case 'notification':
      return [{ id, type: 'notification', lines: notification(random, cycle) }];
  }
}

/** The event as it goes on the wire, blank line included. */
export function formatEvent(event: DemoEvent): string {
  let text = '';
  if (event.type !== undefined) text += `event: ${event.type}\n`;
  if (event.id !== undefined) text += `id: ${event.id}\n`;
  for (const line of event.lines) text += `data: ${line}\n`;
  return `${text}\n`;
}

/** A price that drifts smoothly with a little noise; `change` is the move since event id - 1. */
function priceTick(seed: number, id: number, symbol: string) {
  const price = priceAt(seed, id, symbol);
  return { symbol, price, change: round2(price - priceAt(seed, id - 1, symbol)) };
}

function priceAt(seed: number, id: number, symbol: string): number {
  const base = SYMBOLS[symbol]!;
  const noise = randomFor(seed, id, base)() - 0.5;
  return round2(base * (1 + 0.03 * Math.sin(id / 23 + base)) + noise * base * 0.004);
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/** The reply of one cycle's chat, cut into CHAT_TOKENS pieces at jittered points (as tokens are). */
export function chatTokens(seed: number, cycle: number): string[] {
  const random = randomFor(seed, cycle, 0xc4a7);
  const reply = pick(random, REPLIES);
  const step = reply.length / CHAT_TOKENS;
  const cuts = [0];
  for (let k = 1; k < CHAT_TOKENS; k++) cuts.push(Math.round(k * step + (random() - 0.5) * step * 0.5));
  cuts.push(reply.length);
  return cuts.slice(1).map((end, k) => reply.slice(cuts[k], end));
}

function message(random: Random, id: number): string {
  const templates = [
    () => `Order #${10_000 + id} shipped to ${pick(random, CITIES)}`,
    () => `User ${pick(random, USERS)} signed in`,
    () => `Build #${id} passed in ${20 + Math.floor(random() * 40)} s`,
    () => `Cache hit ratio ${(90 + random() * 9).toFixed(1)}%`,
  ];
  return pick(random, templates)();
}

function notification(random: Random, cycle: number): string[] {
  const templates = [
    () => [`Deploy finished: api v1.${cycle}.${Math.floor(random() * 10)}`, `${2 + Math.floor(random() * 5)} services restarted`],
    () => [`Disk usage above ${80 + Math.floor(random() * 15)}% on db-${1 + Math.floor(random() * 3)}`, 'Consider rotating the logs'],
    () => [`New sign-up from ${pick(random, CITIES)}`, `Welcome email sent to ${pick(random, USERS)}@example.com`],
  ];
  return pick(random, templates)();
}
