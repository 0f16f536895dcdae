import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { Principal } from '../../../../libs/auth/principal.js';
import { RecordResourceUpdate } from '../../../../libs/update-compliance/record-resource-update.usecase.js';
import { CurrentUser } from '../auth/auth.decorators.js';
import { paginationSchema, ZodPipe } from '../common/zod.js';
import { Problems, Responds } from '../common/contract.js';
import { resourceUpdatePageSchema, resourceUpdateSchema } from './update-compliance-views.js';

const recordUpdateSchema = z.object({ note: z.string().trim().max(2000).optional() }).strict();

/** The provider records updates of its published resources' data (seed 003); open lapses close with them. */
@ApiTags('catalog')
@ApiBearerAuth()
@Controller('catalog/resources')
export class ResourceUpdatesController {
  constructor(private readonly recordUpdate: RecordResourceUpdate) {}

  @Post(':id/updates')
  @Responds(resourceUpdateSchema)
  @Problems(403, 409, 422)
  record(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body(new ZodPipe(recordUpdateSchema)) body: z.infer<typeof recordUpdateSchema>,
  ) {
    return this.recordUpdate.execute(user, { resourceId: id, note: body.note });
  }

  @Get(':id/updates')
  @Responds(resourceUpdatePageSchema)
  list(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string, @Query(new ZodPipe(paginationSchema)) page: z.infer<typeof paginationSchema>) {
    return this.recordUpdate.list(user, id, page);
  }
}
