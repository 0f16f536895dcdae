import type { BulletinService } from '../libs/bulletins/bulletin.service.js';

export function bulletinActivities(bulletins: BulletinService) {
  return {
    /** The scheduled bulletin's period, claimed once: a retry finds the same bulletin. */
    reserveNextBulletin: async () => (await bulletins.reserveNext(new Date()))?.id ?? null,
    compileBulletin: (bulletinId: string) => bulletins.compile(bulletinId),
    publishBulletin: (bulletinId: string, filingSeq: number) => bulletins.publish(bulletinId, filingSeq),
  };
}

export type BulletinActivities = ReturnType<typeof bulletinActivities>;
