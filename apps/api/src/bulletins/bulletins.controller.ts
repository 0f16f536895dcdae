import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { AccessPolicy } from '../../../../libs/auth/access-policy.js';
import type { Principal } from '../../../../libs/auth/principal.js';
import { BulletinService, type BulletinPeriod } from '../../../../libs/bulletins/bulletin.service.js';
import { IssueBulletin } from '../../../../libs/bulletins/issue-bulletin.usecase.js';
import { daysPeriod, isMonthKey, monthOf, monthPeriod, periodLabel, previousMonth, type MonthKey } from '../../../../libs/domain/reporting-periods.js';
import { CurrentUser } from '../auth/auth.decorators.js';
import { type DocumentFormat, DocumentResponder, DocumentRoute, NegotiatedDocumentFormat } from '../common/documents.js';
import { paginationSchema, ZodPipe } from '../common/zod.js';
import { page, Problems, Responds } from '../common/contract.js';
import { bulletinSchema, bulletinSummary, bulletinSummarySchema, bulletinView } from '../supervision/bulletin-views.js';

const day = z.iso.date();
const issueSchema = z
  .object({ month: z.string().refine(isMonthKey, 'a month is YYYY-MM').optional(), from: day.optional(), to: day.optional() })
  .refine((body) => !(body.month && (body.from || body.to)), { message: 'give either a month or from and to', path: ['month'] })
  .refine((body) => !body.from === !body.to, { message: 'from and to go together', path: ['to'] })
  .refine((body) => !body.from || body.from <= body.to!, { message: 'from must not be after to', path: ['from'] });

/** The bulletin's period: the month given, the days given, or by default the month just ended. */
function periodOf(body: z.infer<typeof issueSchema>): BulletinPeriod {
  const period = body.from && body.to ? daysPeriod(body.from, body.to) : monthPeriod((body.month ?? previousMonth(monthOf(new Date()))) as MonthKey);
  return { ...period, label: periodLabel(period) };
}

/** Bulletins (通报): issued by the info office (and monthly by schedule), published to every department. */
@ApiTags('supervision')
@ApiBearerAuth()
@Controller('bulletins')
export class BulletinsController {
  constructor(
    private readonly bulletins: BulletinService,
    private readonly issue: IssueBulletin,
    private readonly access: AccessPolicy,
    private readonly documents: DocumentResponder,
  ) {}

  @Post()
  @Responds(bulletinSchema)
  @Problems(403, 409, 422)
  async create(@CurrentUser() user: Principal, @Body(new ZodPipe(issueSchema)) body: z.infer<typeof issueSchema>) {
    this.access.requireAnyRole(user, ['info_office', 'admin'], 'issuing a bulletin');
    return bulletinView(await this.issue.execute(periodOf(body), user.id));
  }

  @Get()
  @Responds(page(bulletinSummarySchema))
  async list(@Query(new ZodPipe(paginationSchema)) query: z.infer<typeof paginationSchema>) {
    const { items, total } = await this.bulletins.list(query.limit, query.offset);
    return { items: items.map(bulletinSummary), total };
  }

  @Get(':id')
  @Responds(bulletinSchema)
  async get(@Param('id', ParseUUIDPipe) id: string) {
    return bulletinView(await this.bulletins.published(id));
  }

  /** The bulletin as published (its HTML kept when it was issued), or printed as a PDF. */
  @Get(':id/document')
  @DocumentRoute()
  async document(@Param('id', ParseUUIDPipe) id: string, @NegotiatedDocumentFormat() format: DocumentFormat) {
    const bulletin = await this.bulletins.published(id);
    return this.documents.send(format, { html: bulletin.html!, filename: `bulletin-${bulletin.id}` });
  }
}
