import type { ContactsService } from '../libs/contacts/contacts.service.js';

export function contactsActivities(contacts: ContactsService) {
  return {
    /** The departments the year's campaign asks, and whether each has registered this year already. */
    contactsCampaignDepartments: (year: number) => contacts.campaignDepartments(year),
  };
}

export type ContactsActivities = ReturnType<typeof contactsActivities>;
