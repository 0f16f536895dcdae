import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { Principal } from '../../../../libs/auth/principal.js';
import { RecordResourceUpdate } from '../../../../libs/update-compliance/record-resource-update.usecase.js';
import { CurrentUser } from '../auth/auth.decorators.js';
import { openApiSchema, paginationSchema, ZodPipe } from '../common/zod.js';

const recordUpdateSchema = z.object({ note: z.string().trim().max(2000).optional() }).strict();

/** The provider records updates of its published resources' data (seed 003); open lapses close with them. */
@ApiTags('catalog')
@ApiBearerAuth()
@Controller('catalog/resources')
export class ResourceUpdatesController {
  constructor(private readonly recordUpdate: RecordResourceUpdate) {}

  @Post(':id/updates')
  @ApiBody({ schema: openApiSchema(recordUpdateSchema) })
  record(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body(new ZodPipe(recordUpdateSchema)) body: z.infer<typeof recordUpdateSchema>,
  ) {
    return this.recordUpdate.execute(user, { resourceId: id, note: body.note });
  }

  @Get(':id/updates')
  list(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string, @Query(new ZodPipe(paginationSchema)) page: z.infer<typeof paginationSchema>) {
    return this.recordUpdate.list(user, id, page);
  }
}
