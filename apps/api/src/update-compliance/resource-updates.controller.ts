import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { Principal } from '../../../../libs/auth/principal.js';
import { RecordResourceUpdate } from '../../../../libs/update-compliance/record-resource-update.usecase.js';
import { CurrentUser } from '../auth/auth.decorators.js';
import { paginationSchema, ZodPipe } from '../common/zod.js';
import { Problems, Responds } from '../common/contract.js';
import { resourceUpdatePageSchema, resourceUpdateSchema, resourceUpdateViews } from './update-compliance-views.js';
import { EntityManager } from '@mikro-orm/postgresql';

const recordUpdateSchema = z.object({ note: z.string().trim().max(2000).optional() }).strict();

/** The provider records updates of its published resources' data (seed 003); open lapses close with them. */
@ApiTags('catalog')
@ApiBearerAuth()
@Controller('catalog/resources')
export class ResourceUpdatesController {
  constructor(
    private readonly recordUpdate: RecordResourceUpdate,
    private readonly em: EntityManager,
  ) {}

  @Post(':id/updates')
  @Responds(resourceUpdateSchema)
  @Problems(403, 409, 422)
  async record(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body(new ZodPipe(recordUpdateSchema)) body: z.infer<typeof recordUpdateSchema>,
  ) {
    return (await resourceUpdateViews(this.em, [await this.recordUpdate.execute(user, { resourceId: id, note: body.note })]))[0]!;
  }

  @Get(':id/updates')
  @Responds(resourceUpdatePageSchema)
  async list(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string, @Query(new ZodPipe(paginationSchema)) page: z.infer<typeof paginationSchema>) {
    const { items, total } = await this.recordUpdate.list(user, id, page);
    return { items: await resourceUpdateViews(this.em, items), total };
  }
}
