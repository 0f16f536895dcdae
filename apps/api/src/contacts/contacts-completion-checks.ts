import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ContactsService } from '../../../../libs/contacts/contacts.service.js';
import { CompletionChecks } from '../../../../libs/tasks/completion-checks.js';

/** A contacts task is done by registering the contacts; completing it by hand needs the year's registration first. */
@Injectable()
export class ContactsCompletionChecks implements OnModuleInit {
  constructor(
    private readonly checks: CompletionChecks,
    private readonly contacts: ContactsService,
  ) {}

  onModuleInit() {
    this.checks.register('contacts_registration', async (task) => {
      const year = Number(task.subjectId);
      if (task.assigneeDepartmentId && (await this.contacts.hasRegistered(task.assigneeDepartmentId, year)))
        return undefined;
      return `the department has not registered its contacts for ${year}: PUT /departments/${task.assigneeDepartmentId}/contacts registers them and completes this task`;
    });
  }
}
