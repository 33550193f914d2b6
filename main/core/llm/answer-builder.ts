// The answer being assembled: what every shape's reader writes into (text, reasoning and tool-call
// fragments per choice, usage, finish reason, error, malformed chunks) and the contributions that
// tie each added range to the event behind it. Readers know their provider's JSON; this knows
// nothing of any provider.

import {
  LLM_MALFORMED_KEPT,
  type LlmAnswer,
  type LlmAnswerPart,
  type LlmContribution,
  type LlmDetection,
  type LlmFormatName,
  type LlmMalformedChunk,
  type LlmToolCall,
  type LlmUsage,
} from '../../common/llm-answer.ts';

interface ChoiceState {
  index: number;
  text: string;
  reasoning: string;
  finishReason: string | null;
}

/** A part of the answer changed: what was added (for printing as it arrives). */
export type DeltaListener = (part: 'text' | 'reasoning', delta: string, choice: number) => void;

export class AnswerBuilder {
  #format: LlmFormatName | null = null;
  #detection: LlmDetection = { by: 'auto', seq: null, evidence: 'no event yet' };
  #choices = new Map<number, ChoiceState>();
  #tools: LlmToolCall[] = [];
  /** "choice:key" -> position in #tools; the key is the provider's index or item id. */
  #toolPositions = new Map<string, number>();
  #finishReason: string | null = null;
  #usage: LlmUsage | null = null;
  #error: string | null = null;
  #ended = false;
  #malformed: LlmMalformedChunk[] = [];
  #malformedCount = 0;
  #contributions: LlmContribution[] = [];
  #firstTokenSeq: number | null = null;
  #revision = 0;
  onDelta: DeltaListener | null = null;

  get format(): LlmFormatName | null {
    return this.#format;
  }

  /** The event that brought the first non-empty text or reasoning. */
  get firstTokenSeq(): number | null {
    return this.#firstTokenSeq;
  }

  get revision(): number {
    return this.#revision;
  }

  get ended(): boolean {
    return this.#ended;
  }

  get error(): string | null {
    return this.#error;
  }

  decide(format: LlmFormatName | null, detection: LlmDetection): void {
    this.#format = format;
    this.#detection = detection;
    this.#revision++;
  }

  appendText(seq: number, text: string, choice = 0): void {
    if (text === '') return;
    const state = this.#choice(choice);
    const start = state.text.length;
    state.text += text;
    this.#contribute(seq, 'text', start, state.text.length, choice, -1);
    this.onDelta?.('text', text, choice);
  }

  appendReasoning(seq: number, text: string, choice = 0): void {
    if (text === '') return;
    const state = this.#choice(choice);
    const start = state.reasoning.length;
    state.reasoning += text;
    this.#contribute(seq, 'reasoning', start, state.reasoning.length, choice, -1);
    this.onDelta?.('reasoning', text, choice);
  }

  /**
   * The tool call known by `key` (the provider's index or item id) in `choice`, made when first
   * seen. Later fragments fill in what the first one lacked (an id, a name).
   */
  toolCall(key: string | number, fields: { index: number; id?: string; name?: string }, choice = 0): number {
    const mapKey = `${choice}:${key}`;
    let position = this.#toolPositions.get(mapKey);
    if (position === undefined) {
      position = this.#tools.length;
      this.#tools.push({ index: fields.index, choice, id: '', name: '', arguments: '', argumentsValid: false });
      this.#toolPositions.set(mapKey, position);
      this.#revision++;
    }
    const call = this.#tools[position]!;
    if (fields.id && !call.id) call.id = fields.id;
    if (fields.name && !call.name) call.name = fields.name;
    return position;
  }

  /** Whether a tool call with this key has been seen. */
  hasToolCall(key: string | number, choice = 0): boolean {
    return this.#toolPositions.has(`${choice}:${key}`);
  }

  appendToolArguments(seq: number, position: number, fragment: string): void {
    if (fragment === '') return;
    const call = this.#tools[position]!;
    const start = call.arguments.length;
    call.arguments += fragment;
    this.#contribute(seq, 'tool-arguments', start, call.arguments.length, call.choice, position);
  }

  /** Arguments that arrive whole (Gemini, Ollama: an object), written as JSON text. */
  setToolArguments(seq: number, position: number, text: string): void {
    const call = this.#tools[position]!;
    call.arguments = '';
    this.appendToolArguments(seq, position, text);
  }

  setFinishReason(reason: string, choice = 0): void {
    this.#choice(choice).finishReason = reason;
    if (choice === 0) this.#finishReason = reason;
    this.#revision++;
  }

  /** Counts the stream reported; fields left undefined keep what an earlier report said. */
  mergeUsage(update: Partial<LlmUsage>): void {
    const usage = (this.#usage ??= { input: null, output: null, reasoning: null, cached: null });
    for (const key of ['input', 'output', 'reasoning', 'cached'] as const) {
      const value = update[key];
      if (value !== undefined && value !== null) usage[key] = value;
    }
    this.#revision++;
  }

  setError(message: string): void {
    this.#error = message;
    this.#revision++;
  }

  /** The shape's end marker arrived. */
  end(): void {
    this.#ended = true;
    this.#revision++;
  }

  malformed(seq: number, reason: string): void {
    this.#malformedCount++;
    if (this.#malformed.length < LLM_MALFORMED_KEPT) this.#malformed.push({ seq, reason });
    this.#revision++;
  }

  snapshot(): LlmAnswer {
    const first = this.#choices.get(0);
    const choices = this.#choices.size > 1 ? [...this.#choices.values()].sort((a, b) => a.index - b.index).map((c) => ({ ...c })) : [];
    return {
      format: this.#format,
      detection: { ...this.#detection },
      text: first?.text ?? '',
      reasoning: first?.reasoning ?? '',
      toolCalls: this.#tools.map((call) => ({ ...call, argumentsValid: parses(call.arguments) })),
      choices,
      finishReason: this.#finishReason,
      usage: this.#usage ? { ...this.#usage } : null,
      error: this.#error,
      ended: this.#ended,
      malformed: this.#malformed.slice(),
      malformedCount: this.#malformedCount,
      // The entries themselves are shared: one only grows while its own event is being added.
      contributions: this.#contributions.slice(),
      revision: this.#revision,
    };
  }

  #choice(index: number): ChoiceState {
    let state = this.#choices.get(index);
    if (!state) {
      state = { index, text: '', reasoning: '', finishReason: null };
      this.#choices.set(index, state);
    }
    return state;
  }

  #contribute(seq: number, part: LlmAnswerPart, start: number, end: number, choice: number, tool: number): void {
    this.#revision++;
    if (part !== 'tool-arguments') this.#firstTokenSeq ??= seq;
    // One event that adds to the same range in pieces (Gemini parts) is one contribution.
    const last = this.#contributions[this.#contributions.length - 1];
    if (last && last.seq === seq && last.part === part && last.choice === choice && last.tool === tool && last.end === start) {
      last.end = end;
      return;
    }
    this.#contributions.push({ seq, part, start, end, choice, tool });
  }
}

function parses(text: string): boolean {
  if (text === '') return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
