import { readFile } from 'node:fs/promises';
import { Client, Connection } from '@temporalio/client';
import type { NativeConnectionOptions } from '@temporalio/worker';
import type { AppConfig } from '../config/app-config.js';

type TemporalConfig = AppConfig['temporal'];

/** Address, mTLS and API key, shared by the API's client and the worker's native connection. */
export async function temporalConnectionOptions(config: TemporalConfig): Promise<NativeConnectionOptions> {
  const tls = config.tls
    ? {
        serverNameOverride: config.tls.serverName,
        serverRootCACertificate: config.tls.caPath ? await readFile(config.tls.caPath) : undefined,
        clientCertPair: { crt: await readFile(config.tls.certPath), key: await readFile(config.tls.keyPath) },
      }
    : config.apiKey
      ? true
      : undefined;
  return { address: config.address, tls, apiKey: config.apiKey };
}

/** Connects on first use, so the API starts (and reports Temporal as down in /health) while Temporal is away. */
export async function lazyTemporalClient(config: TemporalConfig): Promise<Client> {
  const options = await temporalConnectionOptions(config);
  const connection = Connection.lazy({ ...options, connectTimeout: '10s' });
  return new Client({ connection, namespace: config.namespace });
}
