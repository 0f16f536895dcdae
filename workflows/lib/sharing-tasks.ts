import type { SharingSubject } from '../../libs/sharing/sharing.service.js';
import type { HumanTaskSpec } from './human-tasks.js';

/**
 * A task the provider department answers within its response time (`sharing.providerResponse`), reminded
 * beforehand; unanswered, it expires and the workflow escalates. Used for a request's review and a renewal's.
 */
export function providerAnswerTask(
  subject: SharingSubject,
  task: Pick<HumanTaskSpec, 'taskKey' | 'kind' | 'title'>,
): HumanTaskSpec {
  return {
    ...task,
    subjectType: 'sharing_request',
    subjectId: subject.requestId,
    assigneeRole: 'staff',
    assigneeDepartmentId: subject.providerDepartmentId,
    deadline: 'sharing.providerResponse',
    reminder: 'sharing.reminderBefore',
    onDeadline: 'expire',
  };
}
