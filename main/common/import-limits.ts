// How much an import may hand over in one go: the Import dialog checks these before it reads a
// file (a file too large is left out with a note), and the main process's command schema refuses
// anything larger. Collections, HAR files and folders of requests are text; these bounds are far
// above any real one and far below what would strain the app (browser mode's WebSocket carries
// up to 64 MiB in one message).

/** One file: a HAR with its response bodies can be large. */
export const MAX_IMPORT_FILE_BYTES = 20 * 1024 * 1024;
/** Every file of one import together (and pasted text). */
export const MAX_IMPORT_TOTAL_BYTES = 40 * 1024 * 1024;
/** Files in one import (a picked folder). */
export const MAX_IMPORT_FILES = 2_000;
/** A file's path inside a picked folder. */
export const MAX_IMPORT_PATH_CHARS = 1_000;
