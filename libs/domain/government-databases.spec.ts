import { attributesProblem, stepConflict, stepRequestProblem, type DatabaseAttributes } from './government-databases.js';

describe('stepConflict', () => {
  it('allows each step only from the statuses it leads out of', () => {
    expect(stepConflict(null, null, 'register')).toBeUndefined();
    expect(stepConflict('filed', null, 'register')).toBeUndefined();
    expect(stepConflict('registered', null, 'operate')).toBeUndefined();
    expect(stepConflict('operating', null, 'update')).toBeUndefined();
    expect(stepConflict('registered', null, 'deregister')).toBeUndefined();
    expect(stepConflict('operating', null, 'deregister')).toBeUndefined();

    expect(stepConflict(null, null, 'operate')).toBe('the database has not been filed');
    expect(stepConflict('filed', null, 'operate')).toBe('a filed database cannot operate; allowed from: registered');
    expect(stepConflict('registered', null, 'update')).toMatch(/allowed from: operating/);
    expect(stepConflict('operating', null, 'register')).toMatch(/cannot register/);
    expect(stepConflict('filed', null, 'deregister')).toMatch(/cannot deregister/);
  });

  it('allows nothing while a request is in review or after deregistration', () => {
    expect(stepConflict('operating', 'update', 'deregister')).toBe('a request to update is in review; wait for its outcome');
    expect(stepConflict('filed', 'register', 'register')).toMatch(/in review/);
    expect(stepConflict('deregistered', null, 'register')).toBe('the database has been deregistered');
  });
});

describe('stepRequestProblem', () => {
  it('requires changes for an update, and refuses them where the step changes nothing', () => {
    expect(stepRequestProblem('update', {})).toEqual({ field: 'changes', message: 'the update step needs the changed attributes' });
    expect(stepRequestProblem('update', { changes: {} })).toMatchObject({ field: 'changes' });
    expect(stepRequestProblem('update', { changes: { storageSystem: 'PostgreSQL 16' } })).toBeUndefined();
    expect(stepRequestProblem('operate', { changes: { name: 'x' } })).toMatchObject({ field: 'changes' });
    expect(stepRequestProblem('register', { changes: { name: '更正后的名称' } })).toBeUndefined();
    expect(stepRequestProblem('register', {})).toBeUndefined();
  });

  it('requires the reason for a deregistration', () => {
    expect(stepRequestProblem('deregister', { reason: '  ' })).toEqual({ field: 'reason', message: 'the deregister step needs the reason' });
    expect(stepRequestProblem('deregister', { reason: '系统整合至市人口库' })).toBeUndefined();
  });
});

describe('attributesProblem', () => {
  const base: DatabaseAttributes = {
    name: '流动人口信息库',
    description: '流动人口登记与服务管理',
    category: 'population',
    dataScale: { records: 1_200_000, volumeGb: 80 },
    storageLocation: '市政务云',
    storageSystem: 'PostgreSQL 16',
    contact: { name: '张三', phone: '010-12345678' },
    updateFrequency: 'daily',
    dataSubjects: ['自然人'],
  };

  it('asks a business database to name its business area', () => {
    expect(attributesProblem(base)).toBeUndefined();
    expect(attributesProblem({ ...base, category: 'business' })).toMatchObject({ field: 'businessArea' });
    expect(attributesProblem({ ...base, category: 'business', businessArea: '社会救助' })).toBeUndefined();
  });
});
