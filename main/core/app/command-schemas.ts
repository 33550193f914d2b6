// The schema of every command's payload, checked in the main process before a handler runs. The
// `satisfies` clause ties each schema to the contract's request type, so the two cannot drift.

import { z } from 'zod';
import { ConnectionInputSchema, EnvironmentInputSchema, SettingsEditSchema, VARIABLE_NAME } from '../../common/config-schema.ts';
import { MAX_IMPORT_FILE_BYTES, MAX_IMPORT_FILES, MAX_IMPORT_PATH_CHARS, MAX_IMPORT_TOTAL_BYTES } from '../../common/import-limits.ts';
import { COPY_FORMATS, EXPORT_FORMAT_NAMES, type CommandName, type CommandRequest } from '../../contract.ts';

/** No payload: undefined, or null as JSON sends it. */
const none = z.union([z.undefined(), z.null()]).transform(() => undefined);
const id = z.string().min(1).max(200);
const sessionRef = { sessionId: id };
const seq = z.int().min(0);
/** Pages the view asks for: enough for a screen or an export chunk, never a whole session. */
const pageSize = z.int().min(0).max(10_000);

/**
 * Pasted text or files (a picked folder), bounded as the Import dialog bounds them. Lengths are
 * counted in characters, which are never more than the bytes the dialog counted.
 */
const ImportSourceSchema = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('text'),
      text: z.string().max(MAX_IMPORT_TOTAL_BYTES),
      fileName: z.string().max(MAX_IMPORT_PATH_CHARS).optional(),
    }),
    z.object({
      kind: z.literal('files'),
      files: z
        .array(z.object({ path: z.string().max(MAX_IMPORT_PATH_CHARS), text: z.string().max(MAX_IMPORT_FILE_BYTES) }))
        .min(1)
        .max(MAX_IMPORT_FILES),
    }),
  ])
  .refine(
    (source) => source.kind === 'text' || source.files.reduce((total, file) => total + file.text.length, 0) <= MAX_IMPORT_TOTAL_BYTES,
    {
      message: `The files are too large to import together (at most ${MAX_IMPORT_TOTAL_BYTES / 1024 / 1024} MB)`,
      path: ['files'],
    },
  );

/** The variables to create with an import, and where. */
const ImportVariablesSchema = z.object({
  target: z.union([
    z.strictObject({ environmentId: id }),
    z.strictObject({ importedEnvironment: z.int().min(0).max(10_000) }),
    z.strictObject({ newEnvironment: z.string().trim().min(1).max(200) }),
  ]),
  variables: z
    .array(z.object({ name: z.string().max(200).regex(VARIABLE_NAME), value: z.string().max(1024 * 1024), secret: z.boolean() }))
    .max(1_000),
});

const ExportScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }),
  z.object({ kind: z.literal('search'), query: z.string().max(10_000) }),
  z.object({ kind: z.literal('selection'), seqs: z.array(seq.min(1)).max(1_000_000) }),
]);

export const commandSchemas = {
  'app:info': none,

  'connections:list': none,
  'connections:save': z.object({ id: id.optional(), connection: ConnectionInputSchema }),
  'connections:duplicate': z.object({ id }),
  'connections:delete': z.object({ id }),
  'connections:reorder': z.object({ ids: z.array(id).max(10_000) }),
  'connections:import-preview': ImportSourceSchema,
  'connections:import': z.object({
    source: ImportSourceSchema,
    confirmSafety: z.boolean().optional(),
    variables: ImportVariablesSchema.optional(),
  }),
  'connections:export': z.object({ connectionIds: z.array(id).optional(), includeSecrets: z.boolean() }),
  'connections:copy-as': z.object({ id, format: z.enum(COPY_FORMATS), maskSecrets: z.boolean(), environmentId: id.nullable().optional() }),
  // Checked as a format setting when the connection is saved.
  'connections:set-llm-format': z.object({ id, llmFormat: z.string().max(2000) }),

  'environments:list': none,
  'environments:save': z.object({ id: id.optional(), environment: EnvironmentInputSchema }),
  'environments:delete': z.object({ id }),
  'environments:activate': z.object({ id: id.nullable() }),

  'sessions:list': none,
  'sessions:open': z.object({ connectionId: id }),
  'sessions:send': z.object(sessionRef),
  'sessions:connect': z.object(sessionRef),
  'sessions:disconnect': z.object(sessionRef),
  'sessions:reconnect': z.object(sessionRef),
  'sessions:pause': z.object({ ...sessionRef, paused: z.boolean() }),
  'sessions:clear': z.object(sessionRef),
  'sessions:dispose': z.object(sessionRef),
  'sessions:request': z.object(sessionRef),
  'sessions:answer': z.object(sessionRef),
  'sessions:stats': z.object(sessionRef),

  'records:range': z.object({ ...sessionRef, fromSeq: seq, count: pageSize }),
  'records:latest': z.object({ ...sessionRef, count: pageSize }),
  'records:counts': z.object(sessionRef),
  'records:search': z.object({ ...sessionRef, query: z.string().max(10_000), offset: z.int().min(0), limit: pageSize }),

  'captures:list': none,
  'captures:open': z.object({ captureId: id }),
  'captures:import': z.object({ path: z.string().min(1).optional() }),
  'captures:rename': z.object({ captureId: id, name: z.string().trim().min(1).max(200) }),
  'captures:keep': z.object({ captureId: id, kept: z.boolean() }),
  'captures:delete': z.object({ captureId: id }),
  'captures:answer': z.object({ captureId: id }),

  'export:session': z.object({
    ...sessionRef,
    exportId: id,
    format: z.enum(EXPORT_FORMAT_NAMES),
    scope: ExportScopeSchema,
    includeSecrets: z.boolean().optional(),
  }),
  'export:cancel': z.object({ exportId: id }),

  'settings:get': none,
  // Not SettingsSchema.partial(): that fills in the defaults of the fields left out.
  'settings:update': SettingsEditSchema,

  'alerts:list': z.object({ connectionId: id.optional() }),
  'alerts:acknowledge': z.object({ id }),
  'alerts:acknowledge-all': z.object({ connectionId: id.optional() }),

  'overview:list': none,

  'workspace:get': none,
  'workspace:save': z.object({ sessionIds: z.array(id).max(10_000), activeSessionId: id.nullable() }),
} satisfies { [K in CommandName]: z.ZodType<CommandRequest<K>, unknown> };
