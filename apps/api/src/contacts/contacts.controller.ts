import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { AccessPolicy } from '../../../../libs/auth/access-policy.js';
import type { Principal } from '../../../../libs/auth/principal.js';
import { ContactsService } from '../../../../libs/contacts/contacts.service.js';
import { StartContactsCampaign } from '../../../../libs/contacts/start-contacts-campaign.usecase.js';
import {
  CONTACT_ROLE_LABELS,
  CONTACT_ROLES,
  contactsYear,
  defaultContactsDueAt,
} from '../../../../libs/domain/contacts.js';
import { ForbiddenError, NotFoundError } from '../../../../libs/domain/errors.js';
import type { Role } from '../../../../libs/domain/roles.js';
import { CurrentUser } from '../auth/auth.decorators.js';
import {
  type DocumentFormat,
  DocumentResponder,
  DocumentRoute,
  NegotiatedDocumentFormat,
} from '../common/documents.js';
import { departmentRowsPageSchema, pageOfRows, ZodPipe } from '../common/zod.js';
import { RegisterContacts } from './register-contacts.usecase.js';
import { Problems, Responds } from '../common/contract.js';
import { contactsCampaignSchema, contactsStandingSchema, departmentContactsSchema } from './contacts-views.js';

const text = (max: number) => z.string().trim().min(1).max(max);
/** Office numbers (0737-4222222), mobiles (13800000000), extensions and +86: digits with the usual separators. */
const phone = z
  .string()
  .trim()
  .regex(
    /^\+?[0-9][0-9 ()-]{4,28}[0-9]$/,
    'a telephone number: digits, optionally with +, spaces, hyphens or parentheses',
  );
const contactSchema = z.strictObject({
  name: text(50),
  title: text(50),
  phone,
  mobile: phone.nullish(),
  email: z.email().max(200).nullish(),
});
const contactsSchema = z.strictObject({ leader: contactSchema, business: contactSchema, it: contactSchema });

const year = z.coerce.number().int().min(2000).max(2999);
const campaignSchema = z.strictObject({ year, dueAt: z.iso.datetime({ offset: true }).optional() });
const standingQuery = departmentRowsPageSchema.extend({ year: year.optional() });

/** Who oversees every department's contacts and the campaign: the info office and the assessment group. */
const OVERSEERS: readonly Role[] = ['admin', 'info_office', 'supervisor'];

/** Department contacts (负责人和联系人, seed 000 六(一)) and the yearly campaign that collects them by 30 March. */
@ApiTags('contacts')
@ApiBearerAuth()
@Controller()
export class ContactsController {
  constructor(
    private readonly contacts: ContactsService,
    private readonly registerContacts: RegisterContacts,
    private readonly startCampaign: StartContactsCampaign,
    private readonly access: AccessPolicy,
    private readonly documents: DocumentResponder,
  ) {}

  /** The department's staff or head registers its responsible leader and its business and IT contacts. */
  @Put('departments/:id/contacts')
  @Responds(departmentContactsSchema)
  @Problems(403, 409, 422)
  async register(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body(new ZodPipe(contactsSchema)) body: z.infer<typeof contactsSchema>,
  ) {
    await this.registerContacts.execute(user, id, body);
    return this.view(id);
  }

  /** The department's own people, the info office and the assessment group. */
  @Get('departments/:id/contacts')
  @Responds(departmentContactsSchema)
  @Problems(403)
  async get(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string) {
    await this.requireReader(user, id);
    return this.view(id);
  }

  /** The contacts as seed 004's form (分管负责人及联络人名单), HTML or PDF. */
  @Get('departments/:id/contacts/document')
  @DocumentRoute()
  async document(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @NegotiatedDocumentFormat() format: DocumentFormat,
  ) {
    await this.requireReader(user, id);
    const { departmentName, contacts, updatedAt } = await this.view(id);
    if (!contacts) throw new NotFoundError(`department ${id} has not registered its contacts`);
    return this.documents.send(format, {
      template: 'contacts/contacts-form',
      data: {
        departmentName,
        updatedAt,
        contacts: CONTACT_ROLES.map((role) => ({ label: CONTACT_ROLE_LABELS[role], ...contacts[role] })),
      },
      filename: `department-${id}-contacts`,
    });
  }

  /** The info office opens the year's campaign: a contacts_registration task for each department, due at `dueAt` (default 30 March). */
  @Post('supervision/contacts-campaigns')
  @Responds(contactsCampaignSchema)
  @Problems(403, 409, 422)
  async open(
    @CurrentUser() user: Principal,
    @Body(new ZodPipe(campaignSchema)) body: z.infer<typeof campaignSchema>,
  ) {
    this.access.requireAnyRole(user, ['admin', 'info_office'], 'opening the contacts campaign');
    return this.startCampaign.execute({
      year: body.year,
      ...(body.dueAt ? { dueAt: body.dueAt } : {}),
      openedBy: user.id,
    });
  }

  /** Every department the year's campaign asks: on time, late (registered after the deadline), pending or missing. */
  @Get('supervision/contacts')
  @Responds(contactsStandingSchema)
  @Problems(403)
  async standing(
    @CurrentUser() user: Principal,
    @Query(new ZodPipe(standingQuery)) query: z.infer<typeof standingQuery>,
  ) {
    this.access.requireAnyRole(user, OVERSEERS, 'the contacts standing');
    const forYear = query.year ?? contactsYear(new Date());
    const campaign = await this.contacts.campaign(forYear);
    const dueAt = campaign?.dueAt ?? new Date(defaultContactsDueAt(forYear));
    const items = await this.contacts.standing(forYear, dueAt);
    const count = (status: string) => items.filter((item) => item.status === status).length;
    return {
      year: forYear,
      dueAt: dueAt.toISOString(),
      campaign: campaign
        ? { openedAt: campaign.openedAt.toISOString(), openedBy: campaign.openedBy ?? null }
        : null,
      summary: {
        onTime: count('on_time'),
        late: count('late'),
        pending: count('pending'),
        missing: count('missing'),
      },
      ...pageOfRows(items, query),
    };
  }

  private async requireReader(user: Principal, departmentId: string): Promise<void> {
    if (!(await this.contacts.department(departmentId)))
      throw new NotFoundError(`no department ${departmentId}`);
    if (user.departmentId !== departmentId && !this.access.hasAnyRole(user, OVERSEERS)) {
      throw new ForbiddenError(
        "a department's contacts are seen by the department, the info office and the assessment group",
      );
    }
  }

  private async view(departmentId: string) {
    const department = (await this.contacts.department(departmentId))!;
    const current = await this.contacts.current(departmentId);
    return {
      departmentId,
      departmentName: department.name,
      department: { id: departmentId, name: department.name },
      contacts: current?.contacts ?? null,
      labels: CONTACT_ROLE_LABELS,
      updatedAt: current?.updatedAt.toISOString() ?? null,
    };
  }
}
