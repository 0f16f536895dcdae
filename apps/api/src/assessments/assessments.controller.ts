import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Client } from '@temporalio/client';
import { z } from 'zod';
import { AssessmentService } from '../../../../libs/assessment/assessment.service.js';
import { StartAssessment } from '../../../../libs/assessment/start-assessment.usecase.js';
import { AccessPolicy } from '../../../../libs/auth/access-policy.js';
import type { Principal } from '../../../../libs/auth/principal.js';
import { parseDuration } from '../../../../libs/calendar/calendar.service.js';
import type { Assessment } from '../../../../libs/database/entities/index.js';
import { defaultSchedule } from '../../../../libs/domain/assessment.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../../../../libs/domain/errors.js';
import { INDICATOR_KEYS } from '../../../../libs/domain/indicators.js';
import type { Role } from '../../../../libs/domain/roles.js';
import { workflowIds } from '../../../../libs/temporal/workflow-ids.js';
import { fileAppealUpdate } from '../../../../workflows/department-assessment.workflow.js';
import { CurrentUser } from '../auth/auth.decorators.js';
import { type DocumentFormat, DocumentResponder, DocumentRoute, NegotiatedDocumentFormat } from '../common/documents.js';
import { sendWorkflowUpdate } from '../common/workflow-updates.js';
import { loadDisplayNames } from '../../../../libs/directory/display-names.js';
import { named, Problems, Responds } from '../common/contract.js';
import { type DepartmentRowsPage, departmentRowsPageSchema, requiredReasons, ZodPipe } from '../common/zod.js';
import {
  appealResultSchema,
  assessmentPeople,
  assessmentResultsSchema,
  assessmentView,
  assessmentViewSchema,
  departmentAssessmentSchema,
  departmentAssessmentView,
  resultsView,
  scorecardDocument,
  targetsDocument,
} from './assessment-views.js';

const ASSESSMENT_GROUP: readonly Role[] = ['supervisor', 'admin'];
const instant = z.iso.datetime({ offset: true });
const weightsSchema = named('IndicatorWeightsBody', z.record(z.string(), z.number()));

const startSchema = z.object({
  year: z.number().int().min(2000).max(2100),
  departmentIds: z.array(z.uuid()).min(1).max(5000).optional(),
  schedule: z
    .object({ targetsDueAt: instant, midYearAt: instant, yearEndAt: instant, appealWindow: z.string().trim().min(1).max(64).optional() })
    .optional(),
  weights: weightsSchema.optional(),
});
const adjustmentSchema = z
  .object({
    indicator: z.enum(INDICATOR_KEYS).optional(),
    total: z.literal(true).optional(),
    points: z.number().min(0).max(100),
    reason: z.string().max(4000).optional(),
  })
  .refine((body) => Boolean(body.indicator) !== Boolean(body.total), 'give either indicator or total: true');
const appealSchema = z.object({ reasons: requiredReasons });

export const ASSESSMENT_DOCUMENTS = ['targets', 'scorecard'] as const;

/**
 * The annual assessment (seed 000 §四): started and configured by the assessment working group;
 * each department sees its own year, the working group and the info office every department's;
 * the ranking is everyone's once published.
 */
@ApiTags('assessments')
@ApiBearerAuth()
@Controller('assessments')
export class AssessmentsController {
  constructor(
    private readonly assessments: AssessmentService,
    private readonly startAssessment: StartAssessment,
    private readonly access: AccessPolicy,
    private readonly temporal: Client,
    private readonly documents: DocumentResponder,
    private readonly em: EntityManager,
  ) {}

  @Post()
  @Responds(assessmentViewSchema)
  @Problems(403, 409, 422)
  async start(@CurrentUser() user: Principal, @Body(new ZodPipe(startSchema)) body: z.infer<typeof startSchema>) {
    this.access.requireAnyRole(user, ASSESSMENT_GROUP, 'starting an assessment');
    const defaults = defaultSchedule(body.year);
    if (body.schedule?.appealWindow) parseDuration(body.schedule.appealWindow, 'schedule.appealWindow');
    const assessment = await this.startAssessment.execute({
      year: body.year,
      departmentIds: body.departmentIds,
      schedule: body.schedule
        ? { periodFrom: defaults.periodFrom, targetsDueAt: new Date(body.schedule.targetsDueAt), midYearAt: new Date(body.schedule.midYearAt), yearEndAt: new Date(body.schedule.yearEndAt) }
        : defaults,
      appealWindow: body.schedule?.appealWindow,
      weights: body.weights,
      startedBy: user.id,
    });
    return this.assessmentWithParticipants(assessment);
  }

  @Get(':year')
  @Responds(assessmentViewSchema)
  async get(@Param('year', ParseIntPipe) year: number) {
    const assessment = await this.assessments.byYear(year);
    return this.assessmentWithParticipants(assessment);
  }

  @Put(':year/weights')
  @Responds(assessmentViewSchema)
  @Problems(403, 409, 422)
  async setWeights(@CurrentUser() user: Principal, @Param('year', ParseIntPipe) year: number, @Body(new ZodPipe(weightsSchema)) body: Record<string, number>) {
    this.access.requireAnyRole(user, ASSESSMENT_GROUP, 'setting the indicator weights');
    const assessment = await this.assessments.setWeights(year, body);
    return this.assessmentWithParticipants(assessment);
  }

  @Get(':year/results')
  @Responds(assessmentResultsSchema)
  async results(@Param('year', ParseIntPipe) year: number, @Query(new ZodPipe(departmentRowsPageSchema)) page: DepartmentRowsPage) {
    return resultsView(await this.assessments.results(year), page);
  }

  @Get(':year/departments/:departmentId')
  @Responds(departmentAssessmentSchema)
  @Problems(403)
  async department(@CurrentUser() user: Principal, @Param('year', ParseIntPipe) year: number, @Param('departmentId', ParseUUIDPipe) departmentId: string) {
    this.requireConcerned(user, departmentId);
    return this.departmentAssessment(year, departmentId);
  }

  @Post(':year/departments/:departmentId/adjustments')
  @HttpCode(201)
  @Responds(departmentAssessmentSchema)
  @Problems(403, 409, 422)
  async adjust(
    @CurrentUser() user: Principal,
    @Param('year', ParseIntPipe) year: number,
    @Param('departmentId', ParseUUIDPipe) departmentId: string,
    @Body(new ZodPipe(adjustmentSchema)) body: z.infer<typeof adjustmentSchema>,
  ) {
    this.access.requireAnyRole(user, ['supervisor'], 'adjusting a score');
    await this.assessments.adjust(year, departmentId, { indicator: body.indicator ?? null, points: body.points, reason: body.reason, adjustedBy: user.id });
    return this.departmentAssessment(year, departmentId);
  }

  /** The department appeals against its year-end score within the window; the working group decides. */
  @Post(':year/departments/:departmentId/appeal')
  @HttpCode(201)
  @Responds(appealResultSchema)
  @Problems(403, 409, 422)
  async appeal(
    @CurrentUser() user: Principal,
    @Param('year', ParseIntPipe) year: number,
    @Param('departmentId', ParseUUIDPipe) departmentId: string,
    @Body(new ZodPipe(appealSchema)) body: z.infer<typeof appealSchema>,
  ) {
    this.access.requireDepartmentMember(user, departmentId, 'appealing against an assessment score');
    const record = await this.assessments.departmentRecord(year, departmentId);
    // The window and the one-appeal rule are the department's workflow's to check; after publication it has ended.
    if (record.assessment.phase === 'published') throw new ConflictError('the results are published: appeals are closed');
    const state = await sendWorkflowUpdate(
      () =>
        this.temporal.workflow
          .getHandle(workflowIds.departmentAssessment(record.assessment.id, departmentId))
          .executeUpdate(fileAppealUpdate, { args: [{ reasons: body.reasons, filedBy: user.id }] }),
      { ruleViolationType: 'InvalidAppeal', endedMessage: 'the appeal window has closed' },
    );
    return { state, ...(await this.departmentAssessment(year, departmentId)) };
  }

  @Get(':year/departments/:departmentId/documents/:name')
  @DocumentRoute()
  async document(
    @CurrentUser() user: Principal,
    @Param('year', ParseIntPipe) year: number,
    @Param('departmentId', ParseUUIDPipe) departmentId: string,
    @Param('name') name: string,
    @NegotiatedDocumentFormat() format: DocumentFormat,
  ) {
    if (!(ASSESSMENT_DOCUMENTS as readonly string[]).includes(name)) {
      throw new NotFoundError(`no document '${name}'; the documents are ${ASSESSMENT_DOCUMENTS.join(', ')}`);
    }
    this.requireConcerned(user, departmentId);
    const record = await this.assessments.departmentRecord(year, departmentId);
    const data = name === 'targets' ? targetsDocument(record) : scorecardDocument(record);
    return this.documents.send(format, { template: `assessment/${name}`, data, filename: `assessment-${year}-${departmentId}-${name}` });
  }

  private async assessmentWithParticipants(assessment: Assessment) {
    return assessmentView(assessment, await this.assessments.participantCount(assessment.id));
  }

  private async departmentAssessment(year: number, departmentId: string) {
    const record = await this.assessments.departmentRecord(year, departmentId);
    return departmentAssessmentView(record, await loadDisplayNames(this.em, { users: assessmentPeople(record) }));
  }

  /** The department itself, and the city-wide roles (working group, info office, admin). */
  private requireConcerned(user: Principal, departmentId: string): void {
    if (!(this.access.isCityWide(user) || user.departmentId === departmentId)) {
      throw new ForbiddenError("a department's assessment is seen by the department, the assessment working group and the info office");
    }
  }
}
