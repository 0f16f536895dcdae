import { Injectable, Logger } from '@nestjs/common';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { DeadlineRecomputation } from '../tasks/deadline-recomputation.service.js';
import { taskDeadlineChangedSignal } from '../../workflows/lib/task-messages.js';

/** Signals in flight at once: enough to keep the Temporal server busy, few enough not to swamp it. */
const SIGNAL_CONCURRENCY = 64;
const WAKE_PAGE = 1000;
/** Wakes one activity delivers before handing back to its workflow (which calls it again): bounded activity runs. */
const WAKES_PER_CALL = 20_000;

/**
 * Tells the workflows whose deadline or reminder a recomputation moved earlier, soonest-acting first. A wake is
 * marked delivered only after its signal was accepted (or its workflow has ended), so a crash re-sends, never
 * loses: a second `taskDeadlineChanged` only makes the workflow read its task once more.
 */
@Injectable()
export class DeadlineWakeups {
  private readonly logger = new Logger(DeadlineWakeups.name);

  constructor(
    private readonly recomputation: DeadlineRecomputation,
    private readonly temporal: Client,
  ) {}

  /** One committed batch of the job; the job's totals after it. */
  async runBatch(jobId: string) {
    const batch = await this.recomputation.runBatch(jobId);
    const job = (await this.recomputation.job(jobId))!;
    return { status: batch.status, moved: job.moved, woken: job.woken };
  }

  /** Delivers up to `WAKES_PER_CALL` of the job's wakes, in the order their workflows must act; how many remain. */
  async deliver(jobId: string, heartbeat: () => void = () => undefined): Promise<{ delivered: number; remaining: number }> {
    let delivered = 0;
    while (delivered < WAKES_PER_CALL) {
      const wakes = await this.recomputation.pendingWakes(jobId, WAKE_PAGE);
      if (wakes.length === 0) return { delivered, remaining: 0 };
      const done: string[] = [];
      for (let start = 0; start < wakes.length; start += SIGNAL_CONCURRENCY) {
        const slice = wakes.slice(start, start + SIGNAL_CONCURRENCY);
        const results = await Promise.allSettled(
          slice.map(async (wake) => {
            try {
              await this.temporal.workflow.getHandle(wake.workflowId).signal(taskDeadlineChangedSignal, { taskId: wake.taskId });
            } catch (error) {
              // An ended process has no timer to move.
              if (!(error instanceof WorkflowNotFoundError)) throw error;
            }
            return wake.taskId;
          }),
        );
        for (const result of results) if (result.status === 'fulfilled') done.push(result.value);
        heartbeat();
      }
      await this.recomputation.markWoken(jobId, done);
      delivered += done.length;
      if (done.length < wakes.length) {
        this.logger.warn(`job ${jobId}: ${wakes.length - done.length} signals not accepted; retrying`);
        throw new Error(`${wakes.length - done.length} workflows could not be told their deadline moved`);
      }
    }
    return { delivered, remaining: (await this.recomputation.pendingWakes(jobId, 1)).length };
  }
}
