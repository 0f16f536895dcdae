import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { AuditLog } from '../../../../libs/audit/audit-log.service.js';
import { AccessPolicy } from '../../../../libs/auth/access-policy.js';
import type { Principal } from '../../../../libs/auth/principal.js';
import { AUDIT_ACTIONS, AUDIT_READERS } from '../../../../libs/domain/audit.js';
import { CurrentUser } from '../auth/auth.decorators.js';
import { named, page, Problems, Responds } from '../common/contract.js';
import { id, time } from '../common/view-schemas.js';
import { paginationSchema, ZodPipe } from '../common/zod.js';

export const auditEntrySchema = named(
  'AuditEntry',
  z.object({
    seq: z.number().int(),
    at: time,
    action: z.enum(AUDIT_ACTIONS),
    actorId: id.nullable().optional(),
    username: z.string().nullable().optional(),
    address: z.string().nullable().optional(),
    subjectType: z.string().nullable().optional(),
    subjectId: z.string().nullable().optional(),
    details: z.record(z.string(), z.unknown()),
  }),
);

const auditQuerySchema = paginationSchema.extend({
  action: z.enum(AUDIT_ACTIONS).optional(),
  username: z.string().min(1).max(200).optional(),
  subjectId: z.string().min(1).max(200).optional(),
});

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit-log')
export class AuditLogController {
  constructor(
    private readonly audit: AuditLog,
    private readonly access: AccessPolicy,
  ) {}

  /** The audit log, newest first: logins, failed logins, lockouts and account changes. */
  @Get()
  @Responds(page(auditEntrySchema))
  @Problems(403)
  async list(@CurrentUser() user: Principal, @Query(new ZodPipe(auditQuerySchema)) query: z.infer<typeof auditQuerySchema>) {
    this.access.requireAnyRole(user, AUDIT_READERS, 'reading the audit log');
    const { items, total } = await this.audit.page(query);
    return {
      items: items.map(({ seq, at, action, actorId, username, address, subjectType, subjectId, details }) => ({
        seq: Number(seq),
        at,
        action,
        actorId,
        username,
        address,
        subjectType,
        subjectId,
        details,
      })),
      total,
    };
  }
}
