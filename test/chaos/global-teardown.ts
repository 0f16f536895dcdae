import { isAlive, waitFor } from '../support/environment.ts';
import { killProcess, readChaosEnvironment, stopInfrastructure } from './infrastructure.ts';

/** Stops every process the suite started (and only those), then removes its temporary folder. */
export default async function chaosTeardown() {
  const environment = await readChaosEnvironment();
  for (const pid of Object.values(environment.pids)) if (isAlive(pid)) process.kill(pid, 'SIGTERM');
  await Promise.all(
    Object.values(environment.pids).map((pid) =>
      waitFor(`process ${pid} to exit`, () => !isAlive(pid), { timeoutMs: 15_000 }).catch(() =>
        killProcess(pid),
      ),
    ),
  );
  await stopInfrastructure(environment.chaos);
}
