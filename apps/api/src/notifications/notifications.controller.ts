import { EntityManager } from '@mikro-orm/postgresql';
import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { Principal } from '../../../../libs/auth/principal.js';
import { Notification } from '../../../../libs/database/entities/index.js';
import { NotFoundError } from '../../../../libs/domain/errors.js';
import { CurrentUser } from '../auth/auth.decorators.js';
import { paginationSchema, ZodPipe } from '../common/zod.js';
import { page, Responds } from '../common/contract.js';
import { notificationReadSchema, notificationViewSchema } from './notification-views.js';

const listSchema = paginationSchema.extend({
  unread: z.enum(['true', 'false']).transform((value) => value === 'true').optional(),
});

/** The in-app channel: what the queue delivered to the caller, newest first. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly em: EntityManager) {}

  @Get()
  @Responds(page(notificationViewSchema))
  async list(@CurrentUser() user: Principal, @Query(new ZodPipe(listSchema)) query: z.infer<typeof listSchema>) {
    const where = {
      recipientUserId: user.id,
      channel: 'in_app' as const,
      status: 'delivered' as const,
      ...(query.unread === undefined ? {} : { readAt: query.unread ? null : { $ne: null } }),
    };
    const [rows, total] = await this.em.findAndCount(Notification, where, {
      orderBy: { createdAt: 'desc' },
      limit: query.limit,
      offset: query.offset,
    });
    return {
      items: rows.map(({ id, subject, template, data, link, createdAt, deliveredAt, readAt }) => ({
        id, subject, template, data, link, createdAt, deliveredAt, readAt,
      })),
      total,
    };
  }

  @Post(':id/read')
  @HttpCode(200)
  @Responds(notificationReadSchema)
  async markRead(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string) {
    const notification = await this.em.findOne(Notification, { id, recipientUserId: user.id, channel: 'in_app' });
    if (!notification) throw new NotFoundError(`no notification ${id}`);
    notification.readAt ??= new Date();
    await this.em.flush();
    return { id, readAt: notification.readAt };
  }
}
