import type { ContactsService } from '../libs/contacts/contacts.service.js';
import type { StartContactsCampaign } from '../libs/contacts/start-contacts-campaign.usecase.js';
import { ConflictError, RuleViolationError } from '../libs/domain/errors.js';
import { monthOf } from '../libs/domain/reporting-periods.js';

export function contactsActivities(contacts: ContactsService, startCampaign: StartContactsCampaign) {
  return {
    /** The departments the year's campaign asks, and whether each has registered this year already. */
    contactsCampaignDepartments: (year: number) => contacts.campaignDepartments(year),
    /**
     * The yearly schedule's step: opens this year's campaign with the default deadline, unless the info
     * office opened it already or the deadline has passed (then there is nothing left to ask by it).
     */
    async openYearlyContactsCampaign(): Promise<{ year: number; opened: boolean }> {
      const year = Number(monthOf(new Date()).slice(0, 4));
      try {
        await startCampaign.execute({ year });
        return { year, opened: true };
      } catch (error) {
        if (error instanceof ConflictError || error instanceof RuleViolationError) return { year, opened: false };
        throw error;
      }
    },
  };
}

export type ContactsActivities = ReturnType<typeof contactsActivities>;
