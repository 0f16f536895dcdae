import { EntityManager } from '@mikro-orm/postgresql';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { AccessPolicy } from '../../../../libs/auth/access-policy.js';
import type { Principal } from '../../../../libs/auth/principal.js';
import { Department } from '../../../../libs/database/entities/index.js';
import { isMonthKey, type MonthKey } from '../../../../libs/domain/reporting-periods.js';
import { MonthlyReportService } from '../../../../libs/monthly-reports/monthly-report.service.js';
import { OpenMonthlyReportRound } from '../../../../libs/monthly-reports/open-monthly-report-round.usecase.js';
import { CurrentUser } from '../auth/auth.decorators.js';
import { type DocumentFormat, DocumentResponder, DocumentRoute, NegotiatedDocumentFormat } from '../common/documents.js';
import { page, Problems, Responds } from '../common/contract.js';
import { paginationSchema, ZodPipe } from '../common/zod.js';
import { SubmitMonthlyReport } from './submit-monthly-report.usecase.js';
import { taskViews } from '../tasks/task-views.js';
import { monthlyReportDetailSchema, monthlyReportRoundSchema, monthlyReportViewSchema, reportView } from './monthly-report-views.js';

const monthSchema = z.string().refine(isMonthKey, 'a month is YYYY-MM');
const openRoundSchema = z.object({ month: monthSchema, dueAt: z.iso.datetime({ offset: true }).optional() });
const submitSchema = z.object({ progress: z.string().trim().min(1).max(8000), problems: z.string().trim().min(1).max(8000) });
const listSchema = paginationSchema.extend({
  month: monthSchema.optional(),
  departmentId: z.uuid().optional(),
  status: z.enum(['open', 'submitted']).optional(),
  late: z.enum(['true', 'false']).transform((value) => value === 'true').optional(),
});

/** Monthly reports (月报, seed 000 六(二)2): rounds opened by the info office, reports submitted by departments. */
@ApiTags('monthly reports')
@ApiBearerAuth()
@Controller('monthly-reports')
export class MonthlyReportsController {
  constructor(
    private readonly em: EntityManager,
    private readonly reports: MonthlyReportService,
    private readonly openRound: OpenMonthlyReportRound,
    private readonly submitReport: SubmitMonthlyReport,
    private readonly access: AccessPolicy,
    private readonly documents: DocumentResponder,
  ) {}

  /** Opens a month's reports for every city and district department now (the monthly schedule does it on the 1st). */
  @Post('rounds')
  @Responds(monthlyReportRoundSchema)
  @Problems(403, 409)
  async open(@CurrentUser() user: Principal, @Body(new ZodPipe(openRoundSchema)) body: z.infer<typeof openRoundSchema>) {
    this.access.requireAnyRole(user, ['info_office', 'admin'], 'opening a round of monthly reports');
    return this.openRound.execute({
      month: body.month as MonthKey,
      dueAt: body.dueAt ? new Date(body.dueAt) : undefined,
      openedBy: user.id,
      ifAlreadyOpen: 'conflict',
    });
  }

  @Get()
  @Responds(page(monthlyReportViewSchema))
  async list(@CurrentUser() user: Principal, @Query(new ZodPipe(listSchema)) query: z.infer<typeof listSchema>) {
    const { items, total } = await this.reports.list(user, query);
    const names = await this.departmentNames(items.map((r) => r.departmentId));
    return { items: items.map((report) => reportView(report, names.get(report.departmentId))), total };
  }

  @Get(':id')
  @Responds(monthlyReportDetailSchema)
  async get(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string) {
    const report = await this.reports.report(user, id);
    const names = await this.departmentNames([report.departmentId]);
    const task = await this.reports.openTask(report.id);
    return { ...reportView(report, names.get(report.departmentId)), openTask: task ? (await taskViews(this.em, [task]))[0] : undefined };
  }

  /** Submits the report: completes the department's open report task, late or not. */
  @Post(':id/submit')
  @HttpCode(200)
  @Responds(monthlyReportDetailSchema)
  @Problems(403, 409, 422)
  async submit(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string, @Body(new ZodPipe(submitSchema)) body: z.infer<typeof submitSchema>) {
    await this.submitReport.execute(user, id, body);
    this.em.clear(); // the workflow changed the rows this request had loaded
    return this.get(user, id);
  }

  @Get(':id/document')
  @DocumentRoute()
  async document(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string, @NegotiatedDocumentFormat() format: DocumentFormat) {
    const report = await this.reports.report(user, id);
    const names = await this.departmentNames([report.departmentId]);
    return this.documents.send(format, {
      template: 'supervision/monthly-report',
      data: { report: reportView(report, names.get(report.departmentId)) },
      filename: `monthly-report-${report.id}`,
    });
  }

  private async departmentNames(ids: string[]): Promise<Map<string, string>> {
    return new Map((await this.em.find(Department, { id: { $in: [...new Set(ids)] } })).map((d) => [d.id, d.name]));
  }
}
