import { z } from 'zod';
import { named } from '../common/contract.js';
import { id, isoTime, namedRefSchema } from '../common/view-schemas.js';

const contactSchema = z.object({
  name: z.string(),
  title: z.string(),
  phone: z.string(),
  mobile: z.string().nullish(),
  email: z.string().nullish(),
});

export const departmentContactsSchema = named(
  'DepartmentContacts',
  z.object({
    departmentId: id,
    departmentName: z.string(),
    department: namedRefSchema,
    contacts: z.object({ leader: contactSchema, business: contactSchema, it: contactSchema }).nullable(),
    labels: z.object({ leader: z.string(), business: z.string(), it: z.string() }).describe('zh-CN'),
    updatedAt: isoTime.nullable(),
  }),
);

export const contactsCampaignSchema = named(
  'ContactsCampaign',
  z.object({ year: z.number().int(), dueAt: isoTime, openedAt: isoTime, workflowId: z.string() }),
);

export const contactsStandingSchema = named(
  'ContactsStanding',
  z.object({
    year: z.number().int(),
    dueAt: isoTime,
    campaign: z.object({ openedAt: isoTime, openedBy: id.nullable() }).nullable(),
    summary: z.object({ onTime: z.number().int(), late: z.number().int(), pending: z.number().int(), missing: z.number().int() }),
    items: z.array(
      z.object({
        departmentId: id,
        code: z.string(),
        name: z.string(),
        level: z.string(),
        status: z.enum(['on_time', 'late', 'pending', 'missing']),
        registered: z.boolean(),
        registeredAt: isoTime.nullable(),
        overdue: z.boolean(),
      }),
    ),
    total: z.number().int(),
  }),
);
