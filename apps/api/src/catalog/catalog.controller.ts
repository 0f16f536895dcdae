import { EntityManager } from '@mikro-orm/postgresql';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { AccessPolicy } from '../../../../libs/auth/access-policy.js';
import type { Principal } from '../../../../libs/auth/principal.js';
import { CatalogQueries } from '../../../../libs/catalog/catalog-queries.js';
import { CatalogService } from '../../../../libs/catalog/catalog.service.js';
import { CatalogResource, Department } from '../../../../libs/database/entities/index.js';
import { NotFoundError } from '../../../../libs/domain/errors.js';
import { AuditLog } from '../../../../libs/audit/audit-log.service.js';
import { CurrentUser } from '../auth/auth.decorators.js';
import { type DocumentFormat, DocumentResponder, DocumentRoute, NegotiatedDocumentFormat } from '../common/documents.js';
import { page, Problems, Responds } from '../common/contract.js';
import { ZodPipe } from '../common/zod.js';
import { catalogResourceDetailSchema, catalogResourceSchema, catalogReviewStateSchema, resourceSchema, searchSchema } from './catalog.schemas.js';
import { SubmitForReview } from './submit-for-review.usecase.js';

const DOCUMENTS = ['entry', 'review-decision'] as const;

@ApiTags('catalog')
@ApiBearerAuth()
@Controller('catalog/resources')
export class CatalogController {
  constructor(
    private readonly em: EntityManager,
    private readonly catalog: CatalogService,
    private readonly queries: CatalogQueries,
    private readonly submitForReview: SubmitForReview,
    private readonly access: AccessPolicy,
    private readonly documents: DocumentResponder,
    private readonly audit: AuditLog,
  ) {}

  /** Registers a draft resource of the caller's department. */
  @Post()
  @Responds(catalogResourceDetailSchema)
  @Problems(403, 422)
  async create(@CurrentUser() user: Principal, @Body(new ZodPipe(resourceSchema)) body: z.infer<typeof resourceSchema>) {
    this.access.requireDepartmentMember(user, user.departmentId, 'registering a resource');
    const resource = await this.catalog.createDraft(user.departmentId, user.id, body);
    return this.queries.resource(user, resource.id);
  }

  /** Edits the draft or returned version; on a published resource, starts a revision (the published version stays visible). */
  @Put(':id')
  @Responds(catalogResourceDetailSchema)
  @Problems(403, 409, 422)
  async revise(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string, @Body(new ZodPipe(resourceSchema)) body: z.infer<typeof resourceSchema>) {
    await this.requireProvider(user, id, 'editing a resource');
    await this.catalog.revise(id, user.id, body);
    return this.queries.resource(user, id);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @Responds(catalogReviewStateSchema)
  @Problems(403, 409, 422)
  async submit(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string) {
    await this.requireProvider(user, id, 'submitting a resource'); // 404 for a draft the caller may not see, before any 409
    return this.submitForReview.execute(user, id);
  }

  /** Asks for the resource to be retired; retirement is reviewed like any change. */
  @Post(':id/retire')
  @HttpCode(200)
  @Responds(catalogReviewStateSchema)
  @Problems(403, 409, 422)
  async retire(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string) {
    await this.requireProvider(user, id, 'retiring a resource');
    await this.catalog.draftRetirement(id, user.id);
    return this.submitForReview.execute(user, id);
  }

  @Get()
  @Responds(page(catalogResourceSchema))
  search(@CurrentUser() user: Principal, @Query(new ZodPipe(searchSchema)) query: z.infer<typeof searchSchema>) {
    return this.queries.search(user, query);
  }

  @Get(':id')
  @Responds(catalogResourceDetailSchema)
  get(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.queries.resource(user, id);
  }

  /** The catalog entry (目录条目) or the latest review decision, as HTML or PDF. */
  @Get(':id/documents/:name')
  @DocumentRoute()
  async document(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('name', new ZodPipe(z.enum(DOCUMENTS))) name: (typeof DOCUMENTS)[number],
    @NegotiatedDocumentFormat() format: DocumentFormat,
  ) {
    const resource = await this.queries.resource(user, id);
    const provider = await this.em.findOneOrFail(Department, { id: resource.providerDepartmentId });
    const decision = 'reviews' in resource ? resource.reviews.filter((review) => review.outcome).at(-1) : undefined;
    if (name === 'review-decision' && !decision) throw new NotFoundError('the resource has no review decision yet');
    if (resource.confidential) await this.audit.confidentialRead(user, 'confidential_document_read', { type: 'catalog_resource', id }, { document: name, format });
    return this.documents.send(format, {
      template: `catalog/${name}`,
      data: { resource, provider: provider.name, decision: decision ?? null },
      filename: `catalog-resource-${id}-${name}`,
    });
  }

  private async requireProvider(user: Principal, id: string, action: string) {
    const resource = await this.em.findOne(CatalogResource, { id });
    if (!resource || !this.queries.canSee(user, resource)) throw new NotFoundError(`no resource ${id}`);
    this.access.requireDepartmentMember(user, resource.providerDepartmentId, action);
  }
}
