// Folders of saved connections are paths: "Billing/Staging" is the folder Staging inside Billing,
// and "" is the top level. One spelling per folder: segments trimmed, empty ones dropped, joined
// with "/" ("  Billing / /Staging " is "Billing/Staging").

export const FOLDER_SEPARATOR = '/';

export function normalizeFolderPath(path: string): string {
  return folderSegments(path).join(FOLDER_SEPARATOR);
}

/** "Billing/Staging" -> ["Billing", "Staging"]; "" -> []. */
export function folderSegments(path: string): string[] {
  return path
    .split(FOLDER_SEPARATOR)
    .map((segment) => segment.trim())
    .filter(Boolean);
}

/** The last segment: what the sidebar shows for a folder ("Staging"). */
export function folderName(path: string): string {
  return folderSegments(path).at(-1) ?? '';
}

/** The folder and every folder it is in: "A/B/C" -> ["A", "A/B", "A/B/C"]. */
export function folderAncestry(path: string): string[] {
  const segments = folderSegments(path);
  return segments.map((_, index) => segments.slice(0, index + 1).join(FOLDER_SEPARATOR));
}
