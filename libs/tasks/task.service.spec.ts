import { RuleViolationError } from '../domain/errors.js';
import { TaskService } from './task.service.js';

describe('TaskService.open', () => {
  it('refuses a task for a role its kind does not allow, before touching anything', async () => {
    const untouchable = new Proxy({}, { get: () => { throw new Error('nothing may be read or written'); } });
    const tasks = new TaskService(untouchable as never, untouchable as never, untouchable as never, untouchable as never);
    const opening = tasks.open({
      workflowId: 'wf-1',
      taskKey: 'sign',
      kind: 'agreement_signature',
      title: '签署保密协议',
      subjectType: 'sharing_agreement',
      subjectId: 'a-1',
      assigneeRole: 'staff',
      assigneeDepartmentId: 'd-1',
      deadline: 'PT1H',
    });
    await expect(opening).rejects.toThrow(RuleViolationError);
    await expect(opening).rejects.toThrow('a agreement_signature task cannot be opened for staff; its kind allows: head');
  });
});
