import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { AccessPolicy } from '../../../../libs/auth/access-policy.js';
import type { Principal } from '../../../../libs/auth/principal.js';
import { ForbiddenError } from '../../../../libs/domain/errors.js';
import { RunUpdateComplianceSweep } from '../../../../libs/update-compliance/run-sweep.usecase.js';
import { UpdateCompliance } from '../../../../libs/update-compliance/update-compliance.service.js';
import { CurrentUser } from '../auth/auth.decorators.js';
import { paginationSchema, ZodPipe } from '../common/zod.js';
import { Problems, Responds } from '../common/contract.js';
import { sweepResultSchema, updateLapsePageSchema } from './update-compliance-views.js';

const lapseQuerySchema = paginationSchema.extend({
  departmentId: z.uuid().optional(),
  resourceId: z.uuid().optional(),
  status: z.enum(['open', 'resolved']).optional(),
});

/** Supervision of update compliance (seed 003): the lapses found, and running the check now. */
@ApiTags('supervision')
@ApiBearerAuth()
@Controller('supervision/update-compliance')
export class UpdateComplianceController {
  constructor(
    private readonly compliance: UpdateCompliance,
    private readonly runSweep: RunUpdateComplianceSweep,
    private readonly access: AccessPolicy,
  ) {}

  /** The coordinating bodies see every department's lapses; anyone else their own department's. */
  @Get()
  @Responds(updateLapsePageSchema)
  @Problems(403)
  lapses(@CurrentUser() user: Principal, @Query(new ZodPipe(lapseQuerySchema)) query: z.infer<typeof lapseQuerySchema>) {
    const scope = this.access.departmentScope(user);
    if (scope.departmentId && query.departmentId && query.departmentId !== scope.departmentId) {
      throw new ForbiddenError("another department's update compliance is for the info office and the supervisors");
    }
    return this.compliance.lapses({ ...query, ...scope });
  }

  /** Runs the sweep now (operators, tests) instead of waiting for its schedule. */
  @Post('run')
  @HttpCode(200)
  @Responds(sweepResultSchema)
  @Problems(403)
  run(@CurrentUser() user: Principal) {
    this.access.requireAnyRole(user, ['info_office', 'admin'], 'running the update-compliance check');
    return this.runSweep.execute();
  }
}
