import { contactsTiming, contactsYear, defaultContactsDueAt } from './contacts.js';

describe('department contacts rules', () => {
  it('defaults the deadline to the end of 30 March, Beijing time', () => {
    expect(defaultContactsDueAt(2026)).toBe('2026-03-30T15:59:59.999Z');
  });

  it('counts a registration for the Beijing calendar year it was made in', () => {
    expect(contactsYear(new Date('2026-12-31T16:30:00Z'))).toBe(2027);
    expect(contactsYear(new Date('2026-12-31T15:59:59Z'))).toBe(2026);
  });

  it('is on time up to the deadline itself, late after it, pending or missing without a registration', () => {
    const due = new Date(defaultContactsDueAt(2026));
    const after = new Date(due.getTime() + 1);
    expect(contactsTiming(due, due, after)).toBe('on_time');
    expect(contactsTiming(after, due, after)).toBe('late');
    expect(contactsTiming(null, due, due)).toBe('pending');
    expect(contactsTiming(null, due, after)).toBe('missing');
  });
});
