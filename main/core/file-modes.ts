// The permissions of what SSE Scope writes: captures and their meta files, exports, collection
// files and the config hold what the user captured and how they connect, so they are the user's
// alone (POSIX modes; Windows ignores them and keeps files in the user's own profile).

/** Read and write for the owner, nothing for anyone else. */
export const OWNER_ONLY_FILE = 0o600;

/** A folder only its owner may list or enter. */
export const OWNER_ONLY_FOLDER = 0o700;
