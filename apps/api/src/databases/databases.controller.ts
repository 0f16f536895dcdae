import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { AccessPolicy } from '../../../../libs/auth/access-policy.js';
import type { Principal } from '../../../../libs/auth/principal.js';
import type { GovernmentDatabase } from '../../../../libs/database/entities/index.js';
import { type DatabaseDetail, DatabaseRegistry } from '../../../../libs/database-registry/database-registry.service.js';
import { NotFoundError } from '../../../../libs/domain/errors.js';
import { DATABASE_CATEGORIES, DATABASE_STATUSES, DATABASE_STEP_NAMES } from '../../../../libs/domain/government-databases.js';
import { CurrentUser } from '../auth/auth.decorators.js';
import { type DocumentFormat, DocumentResponder, DocumentRoute, NegotiatedDocumentFormat } from '../common/documents.js';
import { named, page, Problems, Responds } from '../common/contract.js';
import { paginationSchema, ZodPipe } from '../common/zod.js';
import {
  catalogEntryView,
  databaseAttributeFields,
  databaseCatalogEntrySchema,
  databaseDetailSchema,
  databaseDetailView,
  databaseView,
  databaseViewSchema,
  databaseWithHistory,
  databaseWithHistorySchema,
  registrationDocument,
} from './database-views.js';
import { RequestDatabaseStep } from './request-database-step.usecase.js';

const fileSchema = named('DatabaseFiling', z.strictObject(databaseAttributeFields));

const stepSchema = z.strictObject({
  step: z.enum(DATABASE_STEP_NAMES),
  changes: z.strictObject(databaseAttributeFields).partial().optional(),
  reason: z.string().trim().max(2000).optional(),
});

const listSchema = paginationSchema.extend({
  departmentId: z.uuid().optional(),
  status: z.enum(DATABASE_STATUSES).optional(),
});

const catalogSchema = paginationSchema.extend({
  departmentId: z.uuid().optional(),
  category: z.enum(DATABASE_CATEGORIES).optional(),
  q: z.string().trim().min(1).max(100).optional(),
});

/** The database registry (数据库备案、注册、运行、更新、注销) and the database management catalog (数据库管理目录). */
@ApiTags('databases')
@ApiBearerAuth()
@Controller()
export class DatabasesController {
  constructor(
    private readonly registry: DatabaseRegistry,
    private readonly access: AccessPolicy,
    private readonly requestStep: RequestDatabaseStep,
    private readonly documents: DocumentResponder,
  ) {}

  /** 备案: the staff or head of a department files one of its databases; the info office's registration review starts. */
  @Post('databases')
  @Responds(databaseWithHistorySchema)
  @Problems(403, 422)
  async file(@CurrentUser() user: Principal, @Body(new ZodPipe(fileSchema)) body: z.infer<typeof fileSchema>) {
    return this.withHistory(await this.requestStep.file(user, body));
  }

  /** The next step, reviewed by the info office: `register` (resubmitting a returned filing), `operate`, `update` (with `changes`), `deregister` (with `reason`). */
  @Post('databases/:id/steps')
  @HttpCode(200)
  @Responds(databaseWithHistorySchema)
  @Problems(403, 409, 422)
  async step(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body(new ZodPipe(stepSchema)) body: z.infer<typeof stepSchema>,
  ) {
    return this.withHistory(await this.requestStep.request(user, id, body));
  }

  /** The databases the caller may see: every department's for the info office and supervisors, else the caller's department's. */
  @Get('databases')
  @Responds(page(databaseViewSchema))
  async list(@CurrentUser() user: Principal, @Query(new ZodPipe(listSchema)) query: z.infer<typeof listSchema>) {
    const { limit, offset, ...filter } = query;
    const { items, total } = await this.registry.list(this.access.departmentScope(user), filter, { limit, offset });
    const departments = await this.registry.departmentNames(items.map((item) => item.departmentId));
    return { items: items.map((item) => databaseView(item, { departments })), total };
  }

  @Get('databases/:id')
  @Responds(databaseDetailSchema)
  async get(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string) {
    const detail = await this.registry.detail(await this.visible(user, id));
    return databaseDetailView(detail, await this.names(detail));
  }

  /** The registration form (政务信息数据库备案登记表) as HTML or PDF. */
  @Get('databases/:id/document')
  @DocumentRoute()
  async document(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string, @NegotiatedDocumentFormat() format: DocumentFormat) {
    const detail = await this.registry.detail(await this.visible(user, id));
    const [departments, users] = await Promise.all([
      this.registry.departmentNames([detail.database.departmentId]),
      this.registry.userNames(detail.rounds.flatMap((round) => [round.requestedBy, round.reviewedBy])),
    ]);
    const departmentName = departments.get(detail.database.departmentId) ?? detail.database.departmentId;
    return this.documents.send(format, {
      template: 'database-registration',
      data: registrationDocument(detail, departmentName, users),
      filename: `database-${detail.database.id}-registration`,
    });
  }

  /** The database management catalog: registered databases in service, open to every signed-in user. */
  @Get('catalog/databases')
  @Responds(page(databaseCatalogEntrySchema))
  async catalog(@Query(new ZodPipe(catalogSchema)) query: z.infer<typeof catalogSchema>) {
    const { limit, offset, ...filter } = query;
    const { items, total, departments } = await this.registry.catalog(filter, { limit, offset });
    return { items: items.map((item) => catalogEntryView(item, departments.get(item.departmentId))), total };
  }

  private async visible(user: Principal, id: string): Promise<GovernmentDatabase> {
    const database = await this.registry.find(id);
    if (!database || !this.access.canSeeDepartment(user, database.departmentId)) throw new NotFoundError(`no database ${id}`);
    return database;
  }

  private async withHistory(database: GovernmentDatabase) {
    const detail = await this.registry.detail(database);
    return databaseWithHistory(database, detail.rounds, await this.names(detail));
  }

  /** The names a database's views show: its department's and those of the people in its history, one query each. */
  private async names({ database, rounds }: Pick<DatabaseDetail, 'database' | 'rounds'>) {
    const [departments, users] = await Promise.all([
      this.registry.departmentNames([database.departmentId]),
      this.registry.userNames(rounds.flatMap((round) => [round.requestedBy, round.reviewedBy])),
    ]);
    return { departments, users };
  }
}
