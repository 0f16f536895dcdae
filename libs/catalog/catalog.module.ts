import { Module } from '@nestjs/common';
import { AccessPolicy } from '../auth/access-policy.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { CatalogQueries } from './catalog-queries.js';
import { CatalogService } from './catalog.service.js';
import { DemandService } from '../demands/demand.service.js';

@Module({
  imports: [NotificationsModule],
  providers: [CatalogService, CatalogQueries, DemandService, AccessPolicy],
  exports: [CatalogService, CatalogQueries, DemandService],
})
export class CatalogModule {}
