import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { loadConfig } from '../config/app-config.js';
import { lazyTemporalClient } from './connection.js';

@Module({
  providers: [{ provide: Client, useFactory: () => lazyTemporalClient(loadConfig().temporal) }],
  exports: [Client],
})
export class TemporalClientModule implements OnApplicationShutdown {
  constructor(@Inject(Client) private readonly client: Client) {}

  async onApplicationShutdown() {
    await this.client.connection.close();
  }
}
