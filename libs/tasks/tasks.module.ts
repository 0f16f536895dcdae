import { Module } from '@nestjs/common';
import { CalendarService } from '../calendar/calendar.service.js';
import { PolicyService } from '../calendar/policy.service.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { CompletionChecks } from './completion-checks.js';
import { DeadlineRecomputation } from './deadline-recomputation.service.js';
import { TaskService } from './task.service.js';

@Module({
  imports: [NotificationsModule],
  providers: [TaskService, CalendarService, PolicyService, CompletionChecks, DeadlineRecomputation],
  exports: [TaskService, CalendarService, PolicyService, CompletionChecks, DeadlineRecomputation, NotificationsModule],
})
export class TasksModule {}
