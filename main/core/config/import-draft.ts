// What an import creates, whatever it was read from: connections and environments as an editor
// would hand them in, and warnings about what was left out. Each format's reader turns its text
// into one (a curl command: curl-import.ts; an SSE Scope collection: collection-file.ts; other
// formats: importers/), and ConfigStore previews and applies every draft the same way.

import type { ConnectionInput, EnvironmentInput } from '../../common/config-schema.ts';
import type { NeededVariable } from '../../common/import-preview.ts';

/** Structurally a part of importers/preview-import.ts's ImportPreview, so its preview is a draft as it is. */
export interface ImportDraft {
  connections: ConnectionInput[];
  environments: EnvironmentInput[];
  /** What the reader skipped or changed, for the user ("Unknown option --frobnicate was ignored."). */
  warnings: string[];
  /** Variables the connections use that nothing imported defines, for the user to create. */
  neededVariables?: NeededVariable[];
  /** Variables the user typed in with the import, added to an environment they already have. */
  addVariables?: { environmentId: string; variables: NonNullable<EnvironmentInput['variables']> };
}
