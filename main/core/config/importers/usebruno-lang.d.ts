// Types for @usebruno/lang (Bruno's own parser of its .bru language), which ships none. Only the
// parsers the Bruno importer calls are declared; their results are checked with zod before use.

declare module '@usebruno/lang' {
  /** A request file (meta, get/post/... block, headers, auth:*, body:*, vars:*, script:*, tests). */
  export function bruToJsonV2(text: string): unknown;
  /** An environments/*.bru file: `{variables: [{name, value, enabled, secret}]}`. */
  export function bruToEnvJsonV2(text: string): unknown;
  /** collection.bru or folder.bru: meta, headers, auth, vars, scripts. */
  export function collectionBruToJson(text: string): unknown;
}
