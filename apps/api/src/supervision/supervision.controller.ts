import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { AccessPolicy } from '../../../../libs/auth/access-policy.js';
import type { Principal } from '../../../../libs/auth/principal.js';
import { parsePolicyDuration } from '../../../../libs/calendar/policy-duration.js';
import { ForbiddenError } from '../../../../libs/domain/errors.js';
import { isMonthKey, monthOf, monthPeriod, monthsBetween, nextMonth, type MonthKey } from '../../../../libs/domain/reporting-periods.js';
import { DeadlineRisks } from '../../../../libs/supervision/deadline-risks.query.js';
import { cityWide, DepartmentStandings, indicatorView } from '../../../../libs/supervision/department-standings.js';
import { IndicatorMeasurements } from '../../../../libs/supervision/indicator-measurements.js';
import { CurrentUser } from '../auth/auth.decorators.js';
import { type DepartmentRowsPage, departmentRowsPageSchema, pageOfRows, paginationSchema, ZodPipe } from '../common/zod.js';
import { Problems, Responds } from '../common/contract.js';
import { deadlineRisksSchema, indicatorSeriesSchema, standingsSchema } from './supervision-views.js';

const MAX_MONTHS = 24;
const month = z.string().refine(isMonthKey, 'a month is YYYY-MM');
const rangeSchema = z
  .object({ from: month.optional(), to: month.optional(), departmentId: z.uuid().optional() })
  .transform(({ from, to, departmentId }) => {
    const last = (to ?? monthOf(new Date())) as MonthKey;
    return { from: (from ?? `${last.slice(0, 4)}-01`) as MonthKey, to: last, departmentId };
  })
  .refine(({ from, to }) => from <= to, { message: 'from must not be after to', path: ['from'] })
  .refine(({ from, to }) => monthsBetween(from, to).length <= MAX_MONTHS, { message: `at most ${MAX_MONTHS} months`, path: ['to'] });
const risksSchema = paginationSchema.extend({
  departmentId: z.uuid().optional(),
  kind: z.string().min(1).optional(),
  within: z
    .string()
    .refine((value) => {
      try {
        parsePolicyDuration(value);
        return true;
      } catch {
        return false;
      }
    }, 'a duration such as "2wd" or "P3D"')
    .optional(),
});

/**
 * Supervision views (seed 001 §三(七)): indicators per department and city-wide over time, the
 * standings, and the open tasks likely to miss their deadline with who is holding each up.
 * Supervisors and the info office see every department; a department sees itself.
 */
@ApiTags('supervision')
@ApiBearerAuth()
@Controller('supervision')
export class SupervisionController {
  constructor(
    private readonly measurements: IndicatorMeasurements,
    private readonly standings: DepartmentStandings,
    private readonly risks: DeadlineRisks,
    private readonly access: AccessPolicy,
  ) {}

  /** Month by month: one department's indicators with the records counting against it, or the city's totals. */
  @Get('indicators')
  @Responds(indicatorSeriesSchema)
  @Problems(403)
  async indicators(@CurrentUser() user: Principal, @Query(new ZodPipe(rangeSchema)) query: z.infer<typeof rangeSchema>) {
    const departmentId = this.scopedDepartment(user, query.departmentId);
    const series = [];
    for (const month of monthsBetween(query.from, query.to)) {
      const measured = await this.measurements.measure(monthPeriod(month), departmentId ? [departmentId] : undefined);
      const indicators = departmentId
        ? measured.get(departmentId)!.map((m) => ({ ...indicatorView(m), exceptions: m.exceptions }))
        : cityWide(measured.values());
      series.push({ month, indicators });
    }
    return { from: query.from, to: query.to, departmentId, series };
  }

  /** Every city and district department ranked over the months given (the current year to date by default). */
  @Get('standings')
  @Responds(standingsSchema)
  @Problems(403)
  async ranking(
    @CurrentUser() user: Principal,
    @Query(new ZodPipe(rangeSchema)) query: z.infer<typeof rangeSchema>,
    @Query(new ZodPipe(departmentRowsPageSchema)) page: DepartmentRowsPage,
  ) {
    this.access.requireAnyRole(user, ['supervisor', 'info_office', 'admin'], 'seeing the standings of all departments');
    const period = { from: monthPeriod(query.from).from, to: monthPeriod(nextMonth(query.to)).from };
    return { from: query.from, to: query.to, ...pageOfRows(await this.standings.rank(period), page) };
  }

  @Get('deadline-risks')
  @Responds(deadlineRisksSchema)
  @Problems(403)
  async deadlineRisks(@CurrentUser() user: Principal, @Query(new ZodPipe(risksSchema)) query: z.infer<typeof risksSchema>) {
    return this.risks.list({ ...query, departmentId: this.scopedDepartment(user, query.departmentId) });
  }

  /** The department a view is about: any for the city-wide roles (none = the whole city), else the caller's own. */
  private scopedDepartment(user: Principal, requested: string | undefined): string | undefined {
    if (this.access.isCityWide(user)) return requested;
    if (requested && requested !== user.departmentId) throw new ForbiddenError("a department sees only its own supervision figures");
    return user.departmentId;
  }
}
