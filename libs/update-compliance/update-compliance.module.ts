import { Module } from '@nestjs/common';
import { AccessPolicy } from '../auth/access-policy.js';
import { CatalogModule } from '../catalog/catalog.module.js';
import { TasksModule } from '../tasks/tasks.module.js';
import { TemporalClientModule } from '../temporal/temporal-client.module.js';
import { RecordResourceUpdate } from './record-resource-update.usecase.js';
import { RunUpdateComplianceSweep } from './run-sweep.usecase.js';
import { UpdateCompliance } from './update-compliance.service.js';

@Module({
  imports: [TasksModule, CatalogModule, TemporalClientModule],
  providers: [UpdateCompliance, RecordResourceUpdate, RunUpdateComplianceSweep, AccessPolicy],
  exports: [UpdateCompliance, RecordResourceUpdate, RunUpdateComplianceSweep],
})
export class UpdateComplianceModule {}
