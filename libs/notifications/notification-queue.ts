export const NOTIFICATION_QUEUE = 'notifications';

export interface DeliverNotificationJob {
  notificationId: string;
}

/** BullMQ job options: the notification id is the job id, so enqueuing twice schedules one delivery. */
export function deliveryJobOptions(notificationId: string) {
  return {
    jobId: notificationId,
    attempts: 6,
    backoff: { type: 'exponential', delay: 1000 },
    removeOnComplete: { age: 24 * 3600 },
    removeOnFail: { age: 7 * 24 * 3600 },
  };
}
