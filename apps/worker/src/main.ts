import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Client } from '@temporalio/client';
import { InvalidConfigurationError, loadConfig } from '../../../libs/config/app-config.js';
import { isCampaignPresetKey } from '../../../libs/domain/campaigns.js';
import { PinoLoggerService } from '../../../libs/logging/pino-logger.js';
import { ensureSchedules, platformSchedules } from '../../../libs/temporal/schedules.js';
import { TemporalWorkerService } from './temporal-worker.service.js';
import { WorkerModule } from './worker.module.js';

/** One process: the Temporal worker and the BullMQ processors. Run as many replicas as load needs. */
async function bootstrap() {
  const config = loadConfig();
  const unknownPreset = config.campaigns.yearlyPresets.find((key) => !isCampaignPresetKey(key));
  if (unknownPreset) throw new InvalidConfigurationError(`CAMPAIGN_PRESETS_YEARLY: no campaign preset ${unknownPreset}`);
  const logger = new PinoLoggerService('worker', config.logLevel);
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger });
  app.enableShutdownHooks();
  const temporalWorker = app.get(TemporalWorkerService);
  await temporalWorker.start();
  const schedules = await ensureSchedules(app.get(Client), config.temporal.taskQueue, platformSchedules(config));
  logger.log(`schedules in force: ${schedules.join(', ')}`, 'Bootstrap');
  logger.log('worker ready', 'Bootstrap');
  await temporalWorker.whenStopped();
  await app.close();
}

bootstrap().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
