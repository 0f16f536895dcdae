import { z } from 'zod';
import { named } from './contract.js';

/** Shapes many views share. An id in a view is any 8-4-4-4-12 hex string (seeded rows use fixed ones). */
export const id = z.guid();
/** A time a view holds as a Date: JSON.stringify writes it as ISO-8601, and the document says so (contract.ts). */
export const time = z.date();
/** A time a view holds already written as ISO-8601. */
export const isoTime = z.iso.datetime({ offset: true });
/** A calendar date, YYYY-MM-DD. */
export const day = z.iso.date();

/** A department, user or resource as a view names it (libs/directory/display-names.ts). */
export const namedRefSchema = named('NamedRef', z.object({ id, name: z.string() }));

/** What a workflow answers an Update with: the subject's state after it (its shape is the process's own). */
export const processStateSchema = named(
  'ProcessState',
  z.looseObject({ status: z.string().optional().describe("the subject's status after the change, where it has one") }),
);
export type ProcessState = z.infer<typeof processStateSchema>;
