// The `llm` command: its options and help text, and the step from parsed options to a run (a
// request sent once, or a recording read back).

import type { Command } from 'commander';
import { FORMAT_CHOICES } from '../common/llm-format.ts';
import { CAPTURE_ARGUMENT_HELP } from './search-command.ts';
import { runCommand } from './command-exit.ts';
import { DATA_DIR_HELP } from './data-dir-option.ts';
import { resolveLlmSettings, type LlmFlags } from './llm-options.ts';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

const NOTES = `
Formats (--format, default auto: recognised from the first events, as the summary says):
  openai-chat        OpenAI Chat Completions and compatible servers (DeepSeek, vLLM, ...):
                     delta.content, reasoning_content, tool_calls, usage, [DONE]
  openai-responses   OpenAI Responses API events (response.output_text.delta, ...)
  anthropic          Anthropic Messages events (content_block_delta, message_delta, ...)
  gemini             Gemini streamGenerateContent?alt=sse (candidates[].content.parts[])
  ollama             Ollama's native NDJSON (message.content, message.thinking, done)
  text               each event's data is the next piece of text (data: Hel, data: lo)
  jsonpath:EXPR      the value at a JSON path in each event's data, e.g. jsonpath:$.token

Output: the answer on stdout as it arrives, reasoning on stderr (dimmed on a terminal), then the
tool calls, and one summary line on stderr: shape, status, TTFB, TTFT (request sent to the first
text or reasoning), duration, chunks, the longest gap, tokens, finish reason.
--json prints instead, when the stream ends, one object:
  {format, text, reasoning, toolCalls: [{name, arguments}], finishReason, usage, ttfbMs, ttftMs,
   durationMs, chunks, gapMs: {p50, p95, max}, status}
usage is {input, output, reasoning, cached} (input counts cached tokens, output reasoning ones),
or null when the stream reported none.

The request is sent once and never again: no reconnecting, also after the end of the answer.

Exit status: 0 when the stream ended normally; 1 on an HTTP error, a network failure, or an error
the model sent (its message is printed); 2 on bad usage; 130 when stopped with Ctrl-C.

Examples:
  $ sse-scope llm https://api.openai.com/v1/chat/completions -H "Authorization: Bearer $OPENAI_API_KEY" \\
      -H 'Content-Type: application/json' \\
      -d '{"model":"gpt-4o-mini","stream":true,"messages":[{"role":"user","content":"Hi"}]}'
  $ sse-scope llm http://localhost:11434/api/chat -d @chat.json --json
  $ sse-scope llm 20250501-101500 --format jsonpath:$.token`;

export function registerLlmCommand(program: Command): void {
  program
    .command('llm')
    .summary('send an LLM request once and print the streamed answer, with TTFT and token figures')
    .description(
      'Send a request to a model endpoint that streams its answer (SSE or NDJSON), merge the tokens into the ' +
        'answer as they arrive and measure the stream; or show the answer and figures of a recorded session.',
    )
    .argument('<url|capture>', `the endpoint (http: or https:), or ${CAPTURE_ARGUMENT_HELP}`)
    .optionsGroup('Request (with a URL):')
    .option('-X, --method <method>', 'HTTP method (default: GET, or POST with -d)')
    .option('-H, --header <header>', "request header 'Name: value' (repeatable)", collect)
    .option('-d, --data <text|@file>', 'request body, or @file to send a file as is (Content-Type: set it with -H)')
    .option('--insecure', 'accept any server certificate (self-signed, expired, wrong host)')
    .option('--ca <file>', 'also trust the certificate authorities in this PEM file')
    .optionsGroup('Answer:')
    .option('--format <format>', `the stream's shape: ${FORMAT_CHOICES}`, 'auto')
    .option('--json', 'print one JSON object with the answer and figures when the stream ends')
    .option('--data-dir <dir>', DATA_DIR_HELP)
    .addHelpText('after', NOTES)
    .showHelpAfterError("(see 'sse-scope llm --help')")
    .action((target: string, flags: LlmFlags, command: Command) =>
      runCommand(command, async () => {
        const settings = resolveLlmSettings(target, flags);
        const { source } = settings;
        if (source.kind === 'request') {
          const { runLlmRequest } = await import('./llm-run.ts');
          return runLlmRequest(source.request, settings.format, settings.json);
        }
        const { runLlmReplay } = await import('./llm-replay.ts');
        return runLlmReplay(source.capture, source.capturesFolder, settings.format, settings.json);
      }),
    );
}
