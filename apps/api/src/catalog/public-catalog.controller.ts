import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { CatalogQueries } from '../../../../libs/catalog/catalog-queries.js';
import { Public } from '../auth/auth.decorators.js';
import { ZodPipe } from '../common/zod.js';
import { catalogResourceSchema, publicSearchSchema } from './catalog.schemas.js';
import { page, Responds } from '../common/contract.js';

/** Seed 003's public query service: published resources whose open scope is public, for anyone. */
@ApiTags('public catalog')
@Public()
@Controller('public/catalog/resources')
export class PublicCatalogController {
  constructor(private readonly queries: CatalogQueries) {}

  @Get()
  @Responds(page(catalogResourceSchema))
  search(@Query(new ZodPipe(publicSearchSchema)) query: z.infer<typeof publicSearchSchema>) {
    return this.queries.search('public', query);
  }

  @Get(':id')
  @Responds(catalogResourceSchema)
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.queries.publicResource(id);
  }
}
