import type { Notification } from '../api/interim-types';

/** A notification's link is the platform's full address (as in its e-mail); in the app only its path is followed. */
export function notificationPath(notification: Pick<Notification, 'link'>): string {
  if (!notification.link) return '/notifications';
  try {
    const url = new URL(notification.link, window.location.origin);
    return `${url.pathname}${url.search}`;
  } catch {
    return '/notifications';
  }
}
