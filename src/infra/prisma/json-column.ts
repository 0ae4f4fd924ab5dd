// JSON kept in TEXT columns is read back through a zod schema, so a bad row fails loudly and early.
import type { z } from 'zod';

export function readJson<T>(schema: z.ZodType<T>, text: string, what: string): T {
  const parsed = schema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`stored ${what} does not match its schema: ${parsed.error.message}`);
  return parsed.data;
}
