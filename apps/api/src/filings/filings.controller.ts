import { EntityManager } from '@mikro-orm/postgresql';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { AccessPolicy } from '../../../../libs/auth/access-policy.js';
import type { Principal } from '../../../../libs/auth/principal.js';
import { Filing } from '../../../../libs/database/entities/index.js';
import { FilingLedger } from '../../../../libs/filings/filing-ledger.service.js';
import { CurrentUser } from '../auth/auth.decorators.js';
import { paginationSchema, ZodPipe } from '../common/zod.js';
import { page, Problems, Responds } from '../common/contract.js';
import { chainVerificationSchema, filingView, filingViewSchema } from './filing-views.js';
import { loadDisplayNames } from '../../../../libs/directory/display-names.js';

const filingQuerySchema = paginationSchema.extend({
  subjectType: z.string().min(1).optional(),
  subjectId: z.string().min(1).optional(),
  kind: z.string().min(1).optional(),
});

@ApiTags('filings')
@ApiBearerAuth()
@Controller('filings')
export class FilingsController {
  constructor(
    private readonly em: EntityManager,
    private readonly ledger: FilingLedger,
    private readonly access: AccessPolicy,
  ) {}

  @Get()
  @Responds(page(filingViewSchema))
  async list(@CurrentUser() user: Principal, @Query(new ZodPipe(filingQuerySchema)) query: z.infer<typeof filingQuerySchema>) {
    const { limit, offset, ...match } = query;
    const where = { ...this.access.filingFilter(user), ...Object.fromEntries(Object.entries(match).filter(([, v]) => v)) };
    const [filings, total] = await this.em.findAndCount(Filing, where, { orderBy: { seq: 'asc' }, limit, offset });
    const names = await loadDisplayNames(this.em, { departments: filings.flatMap((filing) => filing.departmentIds) });
    return { items: filings.map((filing) => filingView(filing, names)), total };
  }

  /** Recomputes the whole chain. Open to the filing authorities; it reveals counts, not contents. */
  @Get('verify')
  @Responds(chainVerificationSchema)
  @Problems(403)
  verify(@CurrentUser() user: Principal) {
    this.access.requireAnyRole(user, ['admin', 'info_office', 'secrecy_bureau', 'supervisor'], 'verifying the filing chain');
    return this.ledger.verify();
  }
}
