import type { BulletinService } from '../libs/bulletins/bulletin.service.js';

export function bulletinActivities(bulletins: BulletinService) {
  return {
    compileBulletin: (bulletinId: string) => bulletins.compile(bulletinId),
    publishBulletin: (bulletinId: string, filingSeq: number) => bulletins.publish(bulletinId, filingSeq),
  };
}

export type BulletinActivities = ReturnType<typeof bulletinActivities>;
