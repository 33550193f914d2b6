// The engine's defaults in one dependency-free module, so saved-connection schemas (and through
// them the renderer's types) can name them without pulling in Node-only engine code.

/** The longest line and the largest event accepted, in bytes. */
export const DEFAULT_LIMIT_BYTES = 16 * 1024 * 1024;

/**
 * The most a connection may raise those limits to. A line is held whole until it ends, then
 * decoded into a string: a 256 MiB line costs about twice that in memory at its peak, which one
 * session can still afford, and V8 cannot make a string much past 512 MiB anyway (a larger limit
 * would only fail later, after taking the memory). 16 times the default is room for any real
 * stream; a limit beyond it protects nothing.
 */
export const MAX_LIMIT_BYTES = 256 * 1024 * 1024;

/** How long an attempt may wait for response headers. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 30_000;

/** The largest capture, in MB (settings.maxCaptureMb; `capture --save` applies it too). */
export const DEFAULT_MAX_CAPTURE_MB = 1024;
