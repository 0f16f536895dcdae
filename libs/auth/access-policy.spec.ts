import { AccessPolicy } from './access-policy.js';
import type { Principal } from './principal.js';

const policy = new AccessPolicy();
const person = (roles: Principal['roles'], departmentId = 'dept-a'): Principal => ({
  id: 'u',
  username: 'u',
  displayName: 'u',
  departmentId,
  roles,
});

describe('AccessPolicy', () => {
  const providerTask = { assigneeRole: 'staff' as const, assigneeDepartmentId: 'dept-a' };

  it('lets the department’s staff and head act on a staff task, and no other department', () => {
    expect(policy.canActOnTask(person(['staff']), providerTask)).toBe(true);
    expect(policy.canActOnTask(person(['head']), providerTask)).toBe(true);
    expect(policy.canActOnTask(person(['staff'], 'dept-b'), providerTask)).toBe(false);
    expect(policy.canActOnTask(person(['info_office'], 'dept-a'), providerTask)).toBe(false);
  });

  it('does not let staff act on a task for the head', () => {
    expect(policy.canActOnTask(person(['staff']), { assigneeRole: 'head', assigneeDepartmentId: 'dept-a' })).toBe(false);
  });

  it('lets city-wide roles see, but not act on, other departments’ tasks', () => {
    expect(policy.canSeeTask(person(['supervisor'], 'dept-x'), providerTask)).toBe(true);
    expect(policy.canActOnTask(person(['supervisor'], 'dept-x'), providerTask)).toBe(false);
  });

  it('shows a collection registration to its department, its reviewers and the city-wide roles only', () => {
    const registration = { departmentId: 'dept-a' };
    expect(policy.canSeeCollection(person(['staff']), registration)).toBe(true);
    expect(policy.canSeeCollection(person(['staff', 'statistics_bureau'], 'dept-s'), registration)).toBe(true);
    expect(policy.canSeeCollection(person(['supervisor'], 'dept-x'), registration)).toBe(true);
    expect(policy.canSeeCollection(person(['head'], 'dept-b'), registration)).toBe(false);
    expect(policy.canSeeCollection(person(['secrecy_bureau'], 'dept-b'), registration)).toBe(false);
  });

  it('scopes filings to the departments concerned, except for the filing authorities', () => {
    expect(policy.filingFilter(person(['staff']))).toEqual({ departmentIds: { $overlap: ['dept-a'] } });
    expect(policy.filingFilter(person(['secrecy_bureau']))).toEqual({});
  });

  it('lets only the department’s own staff and head act for it, and scopes lists to it', () => {
    expect(policy.canActForDepartment(person(['staff']), 'dept-a')).toBe(true);
    expect(policy.canActForDepartment(person(['head']), 'dept-a')).toBe(true);
    expect(policy.canActForDepartment(person(['head'], 'dept-b'), 'dept-a')).toBe(false);
    expect(policy.canActForDepartment(person(['info_office'], 'dept-a'), 'dept-a')).toBe(false);
    expect(policy.departmentScope(person(['staff']))).toEqual({ departmentId: 'dept-a' });
    expect(policy.departmentScope(person(['supervisor'], 'dept-x'))).toEqual({});
  });
});
