import { CalendarDay } from './calendar-day.entity.js';
import { Department } from './department.entity.js';
import { Filing } from './filing.entity.js';
import { GovernmentDatabaseStep } from './government-database-step.entity.js';
import { GovernmentDatabase } from './government-database.entity.js';
import { Notification } from './notification.entity.js';
import { Policy } from './policy.entity.js';
import { Task } from './task.entity.js';
import { User } from './user.entity.js';

export { CalendarDay, Department, Filing, GovernmentDatabase, GovernmentDatabaseStep, Notification, Policy, Task, User };
export type { FilingAuthority } from './filing.entity.js';
export type { NotificationChannel, NotificationStatus } from './notification.entity.js';
export type { TaskStatus } from './task.entity.js';

export const ENTITIES = [CalendarDay, Department, Filing, GovernmentDatabase, GovernmentDatabaseStep, Notification, Policy, Task, User];
