/**
 * Department contacts (seed 000 六(一)(二)1, seed 004 attachment 4): each department names the leader responsible
 * for information sharing (分管负责人) and a business and an IT contact (部门业务联络人、信息技术联络人), with
 * name, title, phone and e-mail, and reports them to the info office by 30 March each year.
 */
export const CONTACT_ROLES = ['leader', 'business', 'it'] as const;
export type ContactRole = (typeof CONTACT_ROLES)[number];

export const CONTACT_ROLE_LABELS: Record<ContactRole, string> = {
  leader: '分管负责人',
  business: '部门业务联络人',
  it: '信息技术联络人',
};

export interface Contact {
  name: string;
  title: string;
  phone: string;
  mobile?: string | null;
  email?: string | null;
}

export type DepartmentContacts = Record<ContactRole, Contact>;

/** The levels a yearly contacts campaign asks: the city's departments and the districts (各部门、各区(县)). */
export const CONTACTS_CAMPAIGN_LEVELS = ['city', 'district'] as const;

/** `pending`: not registered, the deadline still ahead; `missing`: not registered and the deadline passed. */
export type ContactsTiming = 'on_time' | 'late' | 'pending' | 'missing';

/** The year's deadline when none is given: the end of 30 March, Beijing time. */
export function defaultContactsDueAt(year: number): string {
  return new Date(`${year}-03-30T23:59:59.999+08:00`).toISOString();
}

/** The calendar year (Asia/Shanghai) a registration made at that instant counts for. */
export function contactsYear(at: Date): number {
  return Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(at));
}

/** A department's standing for the year: its first registration of the year against the deadline. */
export function contactsTiming(firstRegisteredAt: Date | null, dueAt: Date, now: Date): ContactsTiming {
  if (!firstRegisteredAt) return now.getTime() > dueAt.getTime() ? 'missing' : 'pending';
  return firstRegisteredAt.getTime() <= dueAt.getTime() ? 'on_time' : 'late';
}
