import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { loadConfig } from '../config/app-config.js';

/** ioredis options from REDIS_URL; `maxRetriesPerRequest: null` is what BullMQ workers require. */
export function redisConnectionOptions(url: string) {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 6379),
    username: parsed.username || undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db: parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0,
    tls: parsed.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
  };
}

@Module({
  imports: [
    BullModule.forRootAsync({
      useFactory: () => {
        const { redis } = loadConfig();
        return { connection: redisConnectionOptions(redis.url), prefix: redis.queuePrefix };
      },
    }),
  ],
})
export class QueueModule {}
