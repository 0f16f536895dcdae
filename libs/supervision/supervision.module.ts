import { Module } from '@nestjs/common';
import { TasksModule } from '../tasks/tasks.module.js';
import { DeadlineRisks } from './deadline-risks.query.js';
import { DepartmentStandings } from './department-standings.js';
import { IndicatorMeasurements } from './indicator-measurements.js';

@Module({
  imports: [TasksModule],
  providers: [IndicatorMeasurements, DepartmentStandings, DeadlineRisks],
  exports: [IndicatorMeasurements, DepartmentStandings, DeadlineRisks],
})
export class SupervisionModule {}
