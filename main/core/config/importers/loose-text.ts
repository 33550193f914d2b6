// Text as other tools write it in their files: a string, but a number, a boolean or null where a
// value was typed as one (Postman's variable values, a Bruno seq, an Insomnia environment).

import { z } from 'zod';

export const LooseText = z
  .union([z.string(), z.number(), z.boolean(), z.null()])
  .transform((value) => (value === null ? '' : String(value)));
