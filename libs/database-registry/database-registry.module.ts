import { Module } from '@nestjs/common';
import { DatabaseRegistry } from './database-registry.service.js';

@Module({ providers: [DatabaseRegistry], exports: [DatabaseRegistry] })
export class DatabaseRegistryModule {}
