import { spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What the global setup started, shared with the suites through a file (they run in another context). */
export interface E2eEnvironment {
  runId: string;
  apiUrl: string;
  mailSinkUrl: string;
  databaseUrl: string;
  env: Record<string, string>;
  pids: { api: number; worker: number; mailSink: number };
  logDir: string;
}

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
// The chaos suite (test/chaos) keeps its own file, so that it never reads or overwrites an e2e run's.
const STATE_FILE = process.env.E2E_ENVIRONMENT_FILE ?? join(ROOT, '.data', 'e2e-environment.json');
const NODE = join(ROOT, 'node_modules', '.bin', 'node');

export async function readEnvironment(): Promise<E2eEnvironment> {
  return JSON.parse(await readFile(STATE_FILE, 'utf8')) as E2eEnvironment;
}

export async function writeEnvironment(environment: E2eEnvironment): Promise<void> {
  await writeFile(STATE_FILE, JSON.stringify(environment, null, 2));
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts one of the project's processes from dist/, detached, its output appended to a log file. */
export function startProcess(script: string, env: Record<string, string>, logFile: string): number {
  const log = openSync(logFile, 'a');
  const child = spawn(NODE, ['--enable-source-maps', join(ROOT, 'dist', script)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', log, log],
    detached: true,
  });
  child.unref();
  return child.pid!;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Polls until `check` returns a value other than undefined/false, or fails with the last error after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | false> | T | undefined | false,
  { timeoutMs = 30_000, intervalMs = 200 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export async function waitForLogLine(logFile: string, marker: string, fromByte: number, timeoutMs = 60_000) {
  await waitFor(`'${marker}' in ${logFile}`, async () => (await readFile(logFile, 'utf8')).slice(fromByte).includes(marker), {
    timeoutMs,
  });
}
