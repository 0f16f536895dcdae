import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Module } from '@nestjs/common';
import { loadConfig } from '../config/app-config.js';
import { ormConfig } from './orm-config.js';

@Module({
  imports: [MikroOrmModule.forRootAsync({ useFactory: () => ormConfig(loadConfig()), driver: undefined })],
})
export class DatabaseModule {}
