import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import type { Principal } from '../../../../libs/auth/principal.js';
import { CollectionQueries } from '../../../../libs/collection/collection-queries.js';
import { CurrentUser } from '../auth/auth.decorators.js';
import { ZodPipe } from '../common/zod.js';
import { collectionRegistrationDetailSchema, collectionRegistrationSchema, collectionSearchSchema, declarationSchema } from './collections.schemas.js';
import { DeclareCollection } from './declare-collection.usecase.js';
import { page, Problems, Responds } from '../common/contract.js';

/** Collection registration (采集登记): declaring a planned collection and following its review. */
@ApiTags('collections')
@ApiBearerAuth()
@Controller('collections')
export class CollectionsController {
  constructor(
    private readonly queries: CollectionQueries,
    private readonly declareCollection: DeclareCollection,
  ) {}

  @Post()
  @Responds(collectionRegistrationDetailSchema)
  @Problems(403, 422)
  declare(@CurrentUser() user: Principal, @Body(new ZodPipe(declarationSchema)) body: z.infer<typeof declarationSchema>) {
    return this.declareCollection.execute(user, body);
  }

  @Get()
  @Responds(page(collectionRegistrationSchema))
  list(@CurrentUser() user: Principal, @Query(new ZodPipe(collectionSearchSchema)) query: z.infer<typeof collectionSearchSchema>) {
    return this.queries.list(user, query);
  }

  @Get(':id')
  @Responds(collectionRegistrationDetailSchema)
  get(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.queries.registration(user, id);
  }
}
