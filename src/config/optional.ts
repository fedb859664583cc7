import { z } from 'zod';

/** The console's form sends "" for an optional field left blank; that means "not set". */
export const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((value) => (value === '' || value === null ? undefined : value), schema.optional());
