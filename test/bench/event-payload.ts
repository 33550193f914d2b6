// The benchmark's event stream as bytes: N events of exactly EVENT_BYTES each, shaped like a real
// feed (`id`, `event`, JSON `data`), built once into large buffers. The server process sends them
// over HTTP and the parser benchmark feeds the same bytes from memory.

export const EVENT_BYTES = 100;
export const EVENT_TYPE = 'tick';

/** Events per built buffer: about 200 KB each, so the server writes large buffers. */
const EVENTS_PER_BUFFER = 2000;
const TS_BASE = 1_700_000_000_000;

/** One event, padded so every event is exactly EVENT_BYTES on the wire. */
export function eventText(seq: number): string {
  const head = `id: ${seq}\nevent: ${EVENT_TYPE}\ndata: {"seq":${seq},"ts":${TS_BASE + seq},"pad":"`;
  const tail = '"}\n\n';
  const pad = EVENT_BYTES - head.length - tail.length;
  if (pad < 0) throw new Error(`event ${seq} does not fit in ${EVENT_BYTES} bytes`);
  return head + 'x'.repeat(pad) + tail;
}

/** The whole stream of `count` events (seq 1..count), as large buffers. */
export function buildEventStream(count: number): Buffer[] {
  const buffers: Buffer[] = [];
  for (let first = 1; first <= count; first += EVENTS_PER_BUFFER) {
    const last = Math.min(count, first + EVENTS_PER_BUFFER - 1);
    const parts: string[] = [];
    for (let seq = first; seq <= last; seq++) parts.push(eventText(seq));
    buffers.push(Buffer.from(parts.join(''), 'latin1'));
  }
  return buffers;
}

/** Bytes of the `data` field of event `seq` (what a record's data string holds). */
export function dataChars(seq: number): number {
  const text = eventText(seq);
  const start = text.indexOf('data: ') + 'data: '.length;
  return text.length - 2 - start;
}

/** The same bytes cut into fixed-size chunks at arbitrary positions (lines and events torn). */
export function cutIntoChunks(buffers: Buffer[], chunkBytes: number): Buffer[] {
  const whole = Buffer.concat(buffers);
  const chunks: Buffer[] = [];
  for (let at = 0; at < whole.length; at += chunkBytes) chunks.push(whole.subarray(at, at + chunkBytes));
  return chunks;
}
