import { Module } from '@nestjs/common';
import { FilingsModule } from '../filings/filings.module.js';
import { SupervisionModule } from '../supervision/supervision.module.js';
import { TasksModule } from '../tasks/tasks.module.js';
import { TemporalClientModule } from '../temporal/temporal-client.module.js';
import { AssessmentScoring } from './assessment-scoring.service.js';
import { AssessmentService } from './assessment.service.js';
import { StartAssessment } from './start-assessment.usecase.js';

@Module({
  imports: [TasksModule, FilingsModule, SupervisionModule, TemporalClientModule],
  providers: [AssessmentService, AssessmentScoring, StartAssessment],
  exports: [AssessmentService, AssessmentScoring, StartAssessment],
})
export class AssessmentModule {}
