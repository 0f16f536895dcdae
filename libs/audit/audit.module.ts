import { Module } from '@nestjs/common';
import { AuditLog } from './audit-log.service.js';
import { LoginThrottle } from './login-throttle.service.js';

@Module({ providers: [AuditLog, LoginThrottle], exports: [AuditLog, LoginThrottle] })
export class AuditModule {}
