import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AccessPolicy } from '../../../../libs/auth/access-policy.js';
import type { Principal } from '../../../../libs/auth/principal.js';
import { Department, Task } from '../../../../libs/database/entities/index.js';
import { ConflictError, ForbiddenError, NotFoundError, RuleViolationError } from '../../../../libs/domain/errors.js';
import type { Role } from '../../../../libs/domain/roles.js';
import { TASK_KINDS } from '../../../../libs/domain/task-kinds.js';
import { TaskService } from '../../../../libs/tasks/task.service.js';

export interface ReassignTaskInput {
  assigneeRole?: Role;
  assigneeDepartmentId?: string;
}

/**
 * Coordinators (admin, info office) may hand any open task to another department or role; a
 * department head may hand a task of the department to another role within it (delegation).
 * The new role must be one that the task's kind allows.
 */
@Injectable()
export class ReassignTask {
  constructor(
    private readonly em: EntityManager,
    private readonly access: AccessPolicy,
    private readonly tasks: TaskService,
  ) {}

  async execute(principal: Principal, taskId: string, input: ReassignTaskInput): Promise<Task> {
    const task = await this.em.findOne(Task, { id: taskId });
    if (!task || !this.access.canSeeTask(principal, task)) throw new NotFoundError(`no task ${taskId}`);
    if (task.status !== 'open') throw new ConflictError(`the task is ${task.status}`);

    const role = input.assigneeRole ?? task.assigneeRole;
    const departmentId = input.assigneeDepartmentId ?? task.assigneeDepartmentId ?? null;
    const coordinator = this.access.hasAnyRole(principal, ['admin', 'info_office']);
    const delegatingHead =
      this.access.hasAnyRole(principal, ['head']) &&
      task.assigneeDepartmentId === principal.departmentId &&
      departmentId === principal.departmentId;
    if (!coordinator && !delegatingHead) {
      throw new ForbiddenError('only the info office, an administrator or the department head may reassign this task');
    }
    const allowed: readonly Role[] = TASK_KINDS[task.kind].assigneeRoles;
    if (!allowed.includes(role)) {
      throw new RuleViolationError(`a ${task.kind} task can be assigned to: ${allowed.join(', ')}`, [
        { field: 'assigneeRole', message: 'not allowed for this kind of task' },
      ]);
    }
    if (departmentId && !(await this.em.findOne(Department, { id: departmentId }))) {
      throw new RuleViolationError('the department does not exist', [{ field: 'assigneeDepartmentId', message: 'unknown department' }]);
    }
    return this.tasks.reassign(taskId, { role, departmentId });
  }
}
