import { Module } from '@nestjs/common';
import { IndicatorMeasurements } from './indicator-measurements.js';

@Module({
  providers: [IndicatorMeasurements],
  exports: [IndicatorMeasurements],
})
export class SupervisionModule {}
