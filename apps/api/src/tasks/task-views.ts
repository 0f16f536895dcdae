import type { Task } from '../../../../libs/database/entities/index.js';

export function taskView(task: Task) {
  return {
    id: task.id,
    kind: task.kind,
    title: task.title,
    subjectType: task.subjectType,
    subjectId: task.subjectId,
    assigneeRole: task.assigneeRole,
    assigneeDepartmentId: task.assigneeDepartmentId ?? undefined,
    createdAt: task.createdAt.toISOString(),
    dueAt: task.dueAt.toISOString(),
    remindAt: task.remindAt?.toISOString(),
    overdue: task.overdue,
    status: task.status,
    ...(task.status === 'done' ? { outcome: task.outcome, comment: task.comment ?? undefined, completedBy: task.completedBy } : {}),
  };
}
