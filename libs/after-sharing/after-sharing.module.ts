import { Module } from '@nestjs/common';
import { FilingsModule } from '../filings/filings.module.js';
import { TasksModule } from '../tasks/tasks.module.js';
import { TemporalClientModule } from '../temporal/temporal-client.module.js';
import { AfterSharingService } from './after-sharing.service.js';
import { StartGrantReporting } from './start-grant-reporting.usecase.js';

@Module({
  imports: [TasksModule, FilingsModule, TemporalClientModule],
  providers: [AfterSharingService, StartGrantReporting],
  exports: [AfterSharingService, StartGrantReporting],
})
export class AfterSharingModule {}
