import { Module } from '@nestjs/common';
import { AccessPolicy } from '../auth/access-policy.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { CatalogQueries } from './catalog-queries.js';
import { CatalogService } from './catalog.service.js';

@Module({
  imports: [NotificationsModule],
  providers: [CatalogService, CatalogQueries, AccessPolicy],
  exports: [CatalogService, CatalogQueries],
})
export class CatalogModule {}
