import { Module } from '@nestjs/common';
import { AccessPolicy } from '../auth/access-policy.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { CollectionQueries } from './collection-queries.js';
import { CollectionService } from './collection.service.js';

@Module({
  imports: [NotificationsModule],
  providers: [CollectionService, CollectionQueries, AccessPolicy],
  exports: [CollectionService, CollectionQueries],
})
export class CollectionModule {}
