import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Responds } from '../common/contract.js';
import { taskKindListSchema, taskKindViews } from './task-views.js';

/** What each kind of task offers: its outcomes, which need a comment, the payload each takes (TASK_KINDS). */
@ApiTags('tasks')
@ApiBearerAuth()
@Controller('task-kinds')
export class TaskKindsController {
  @Get()
  @Responds(taskKindListSchema)
  list() {
    return taskKindViews();
  }
}
