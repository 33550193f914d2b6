// The body of the harness's "create stream" request (POST /), validated with a schema. The field
// names and their null/omitted forms follow the suite's Go struct (servicedef.CreateStreamParams):
// `initialDelayMs` and `readTimeoutMs` are ldvalue.OptionalInt, so an unset one arrives as `null`;
// `lastEventId`, `method`, `body` and `headers` are `omitempty`, so an unset one is left out.
// Unknown fields are ignored, so a newer harness that adds one still gets a client.

import { z } from 'zod';
import { messageOf } from '../common/error-message.ts';

const httpUrl = z.url({
  protocol: /^https?$/,
  error: (issue) => (issue.input === undefined ? 'is required' : 'must be an absolute http: or https: URL'),
});

// RFC 9110 "token": what a method or a header name may be made of.
const token = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// Methods that fetch refuses to send at all (it throws); better a 400 now than an error loop later.
const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);

const milliseconds = z.number().int().nonnegative().nullable().optional();

export const createParamsSchema = z
  .object({
    /** The test's name, for logs. */
    tag: z.string().optional(),
    streamUrl: httpUrl,
    /** Callbacks go to `<callbackUrl>/1`, `/2`, ... */
    callbackUrl: httpUrl,
    /** The reconnection time before any `retry:` field; null: the engine's default. */
    initialDelayMs: milliseconds,
    /** End an attempt that receives no bytes for this long; null or 0: never. */
    readTimeoutMs: milliseconds,
    /** Sent as Last-Event-ID on the first request. */
    lastEventId: z.string().optional(),
    method: z
      .string()
      .regex(token, 'must be an HTTP method name (a token such as POST or REPORT)')
      .refine((method) => !FORBIDDEN_METHODS.has(method.toUpperCase()), 'is a method fetch cannot send')
      .optional(),
    /** Sent with the first request and again with every reconnect. */
    body: z.string().optional(),
    headers: z
      .record(
        z.string().regex(token, 'header names must be HTTP tokens'),
        z.string().refine((value) => !/[\r\n\0]/.test(value), 'header values must not contain CR, LF or NUL'),
      )
      .optional(),
  })
  .refine((params) => params.body === undefined || !['GET', 'HEAD'].includes((params.method ?? 'GET').toUpperCase()), {
    message: 'a body needs a method that can carry one (POST, REPORT, ...); GET and HEAD cannot',
    path: ['body'],
  });

export type CreateParams = z.infer<typeof createParamsSchema>;

export type ParseResult<T> = { ok: true; value: T } | { ok: false; message: string };

/** Parse the raw request body: JSON first, then the schema. Messages are meant for the harness's log. */
export function parseCreateParams(text: string): ParseResult<CreateParams> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `Request body is not valid JSON: ${messageOf(error)}` };
  }
  const result = createParamsSchema.safeParse(json);
  if (!result.success) return { ok: false, message: `Invalid stream parameters:\n${z.prettifyError(result.error)}` };
  return { ok: true, value: result.data };
}
