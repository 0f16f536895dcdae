import { EntityManager } from '@mikro-orm/postgresql';
import { Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AccessPolicy } from '../../../../libs/auth/access-policy.js';
import type { Principal } from '../../../../libs/auth/principal.js';
import { CatalogQueries } from '../../../../libs/catalog/catalog-queries.js';
import { CatalogResource, CatalogSubscription } from '../../../../libs/database/entities/index.js';
import { ConflictError, NotFoundError } from '../../../../libs/domain/errors.js';
import { CurrentUser } from '../auth/auth.decorators.js';
import { loadDisplayNames } from '../../../../libs/directory/display-names.js';
import { Problems, Responds, RespondsEmpty } from '../common/contract.js';
import { subscriptionListSchema, subscriptionSchema } from './catalog.schemas.js';

/** A department subscribes to a resource and is told when a new version is published or it is retired. */
@ApiTags('catalog')
@ApiBearerAuth()
@Controller('catalog')
export class SubscriptionsController {
  constructor(
    private readonly em: EntityManager,
    private readonly queries: CatalogQueries,
    private readonly access: AccessPolicy,
  ) {}

  @Post('resources/:id/subscription')
  @Responds(subscriptionSchema)
  @Problems(403, 409)
  async subscribe(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string) {
    this.access.requireDepartmentMember(user, user.departmentId, 'subscribing');
    const resource = await this.em.findOne(CatalogResource, { id });
    if (!resource || !this.queries.canSee(user, resource)) throw new NotFoundError(`no resource ${id}`);
    if (resource.status !== 'published') throw new ConflictError('only a published resource can be subscribed to');
    const existing = await this.em.findOne(CatalogSubscription, { resourceId: id, departmentId: user.departmentId });
    const subscription = existing ?? this.em.create(CatalogSubscription, { resourceId: id, departmentId: user.departmentId, subscribedBy: user.id });
    await this.em.flush();
    return { resourceId: id, departmentId: user.departmentId, since: subscription.createdAt };
  }

  @Delete('resources/:id/subscription')
  @HttpCode(204)
  @RespondsEmpty()
  @Problems(403)
  async unsubscribe(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string) {
    this.access.requireDepartmentMember(user, user.departmentId, 'unsubscribing');
    await this.em.nativeDelete(CatalogSubscription, { resourceId: id, departmentId: user.departmentId });
  }

  @Get('subscriptions')
  @Responds(subscriptionListSchema)
  async mine(@CurrentUser() user: Principal) {
    const subscriptions = await this.em.find(CatalogSubscription, { departmentId: user.departmentId }, { orderBy: { createdAt: 'desc' } });
    const names = await loadDisplayNames(this.em, { resources: subscriptions.map((subscription) => subscription.resourceId) });
    return {
      items: subscriptions.map(({ resourceId, createdAt }) => ({ resourceId, resource: names.resource(resourceId), since: createdAt })),
      total: subscriptions.length,
    };
  }
}
