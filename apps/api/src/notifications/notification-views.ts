import { z } from 'zod';
import { named } from '../common/contract.js';
import { id, time } from '../common/view-schemas.js';

export const notificationViewSchema = named(
  'NotificationView',
  z.object({
    id,
    subject: z.string(),
    template: z.string(),
    data: z.record(z.string(), z.unknown()),
    link: z.string(),
    createdAt: time,
    deliveredAt: time.nullish(),
    readAt: time.nullish(),
  }),
);

export const notificationReadSchema = named('NotificationRead', z.object({ id, readAt: time }));
