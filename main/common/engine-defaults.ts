// The engine's defaults in one dependency-free module, so saved-connection schemas (and through
// them the renderer's types) can name them without pulling in Node-only engine code.

/** The longest line and the largest event accepted, in bytes. */
export const DEFAULT_LIMIT_BYTES = 16 * 1024 * 1024;

/** How long an attempt may wait for response headers. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 30_000;

/** The largest capture, in MB (settings.maxCaptureMb; `capture --save` applies it too). */
export const DEFAULT_MAX_CAPTURE_MB = 1024;
