// The demo feed's POST /demo/chat: a pretend LLM endpoint. It takes a JSON body with a prompt (or
// OpenAI-style messages), answers a short Markdown reply as a token stream in OpenAI's
// chat-completion chunk shape (a little reasoning first, as DeepSeek and vLLM send it, and the
// token usage with the finish reason), then `data: [DONE]`, and ends the response, as OpenAI's
// streaming API does.

import type { ServerResponse } from 'node:http';
import { z } from 'zod';

const ChatRequestSchema = z.union([
  z.object({ prompt: z.string().max(10_000) }),
  z.object({ messages: z.array(z.object({ role: z.string(), content: z.string().max(10_000) })).min(1) }),
]);

export interface DemoChatSettings {
  /** Milliseconds between tokens. */
  tokenMs: number;
  /** Epoch milliseconds, for the chunks' `created` field. */
  clock: () => number;
  /** Numbers the completions (chatcmpl-demo-1, -2, ...). */
  completion: number;
}

/** The reply to a prompt: fixed Markdown around the prompt, so the user sees their request came through. */
export function chatReply(prompt: string): string {
  const quoted = prompt.length > 80 ? `${prompt.slice(0, 80)}…` : prompt;
  return [
    `You said: **"${quoted}"**. I am the SSE Scope demo model, and I stream every reply token by token:`,
    '',
    '- a first chunk with the `role`,',
    '- one chunk per token, like this one,',
    '- a last chunk with `finish_reason` and the token `usage`,',
    '',
    'then `data: [DONE]`. Select a few words here to see which events sent them.',
  ].join('\n');
}

/** What the demo model "thinks" before it answers (sent as reasoning_content). */
export const DEMO_REASONING = 'The user wants a reply; show how the stream is built.';

/** The reply cut into token-sized pieces: words with their leading space, long words split. */
export function replyTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const word of text.match(/\s*\S+/g) ?? []) {
    for (let start = 0; start < word.length; start += 5) tokens.push(word.slice(start, start + 5));
  }
  return tokens;
}

/** The prompt of a request body, or a message saying what is wrong with it. */
export function promptOf(body: string): { prompt: string } | { problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { problem: 'The body must be JSON, for example {"prompt": "Hello"}' };
  }
  const parsed = ChatRequestSchema.safeParse(json);
  if (!parsed.success) return { problem: 'Expected {"prompt": "..."} or {"messages": [{"role": "user", "content": "..."}]}' };
  if ('prompt' in parsed.data) return { prompt: parsed.data.prompt };
  return { prompt: parsed.data.messages.at(-1)!.content };
}

/** Streams the reply; the returned stop() (or the client leaving) ends the timers. */
export function serveDemoChat(res: ServerResponse, prompt: string, settings: DemoChatSettings): () => void {
  const id = `chatcmpl-demo-${settings.completion}`;
  const created = Math.floor(settings.clock() / 1000);
  const chunk = (delta: object, finishReason: string | null, extra: object = {}) =>
    `data: ${JSON.stringify({
      id,
      object: 'chat.completion.chunk',
      created,
      model: 'sse-scope-demo',
      choices: [{ index: 0, delta, finish_reason: finishReason }],
      ...extra,
    })}\n\n`;
  // OpenAI's shape: a first chunk with the role, reasoning and content deltas, a last chunk with
  // the finish reason and the usage.
  const reasoning = replyTokens(DEMO_REASONING);
  const reply = replyTokens(chatReply(prompt));
  const usage = {
    prompt_tokens: replyTokens(prompt).length + 8,
    completion_tokens: reasoning.length + reply.length,
    completion_tokens_details: { reasoning_tokens: reasoning.length },
  };
  const pieces = [
    chunk({ role: 'assistant', content: '' }, null),
    ...reasoning.map((token) => chunk({ reasoning_content: token }, null)),
    ...reply.map((token) => chunk({ content: token }, null)),
    chunk({}, 'stop', { usage }),
  ];

  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const stop = () => {
    stopped = true;
    clearTimeout(timer);
  };
  res.on('close', stop);

  const sendNext = () => {
    if (stopped) return;
    const piece = pieces.shift();
    if (piece === undefined) {
      stop();
      res.end('data: [DONE]\n\n');
      return;
    }
    res.write(piece);
    timer = setTimeout(sendNext, settings.tokenMs);
  };

  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
  sendNext();
  return stop;
}
