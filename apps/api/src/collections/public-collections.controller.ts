import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CollectionQueries } from '../../../../libs/collection/collection-queries.js';
import { Public } from '../auth/auth.decorators.js';
import { ZodPipe } from '../common/zod.js';
import { publicCollectionSchema, publicCollectionSearchSchema } from './collections.schemas.js';
import { page, Responds } from '../common/contract.js';

/** Seed 001 §三(一): the collection-responsibility catalog (政务信息采集责任公开目录), open to anyone. */
@ApiTags('public collections')
@Public()
@Controller('public/collections')
export class PublicCollectionsController {
  constructor(private readonly queries: CollectionQueries) {}

  @Get()
  @Responds(page(publicCollectionSchema))
  search(@Query(new ZodPipe(publicCollectionSearchSchema)) query: z.infer<typeof publicCollectionSearchSchema>) {
    return this.queries.publicCatalog(query);
  }
}
