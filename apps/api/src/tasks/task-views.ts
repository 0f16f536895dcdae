import type { ProvisionalMarker } from '../../../../libs/calendar/calendar.service.js';
import type { Task } from '../../../../libs/database/entities/index.js';

/** A task as people see it; `provisional` says its due date counts days of a year whose arrangement is not published. */
export function taskView(task: Task, provisional: ProvisionalMarker) {
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
    ...provisional({ from: task.createdAt, dueAt: task.dueAt, deadlinePolicy: task.deadlinePolicy }),
    status: task.status,
    ...(task.status === 'done' ? { outcome: task.outcome, comment: task.comment ?? undefined, completedBy: task.completedBy } : {}),
  };
}
