import type { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { DeadlineRecomputation, type RecomputeJobRequest, type RecomputeJobView } from '../tasks/deadline-recomputation.service.js';
import { workflowIds } from '../temporal/workflow-ids.js';
import type { calendarRecomputeWorkflow } from '../../workflows/calendar-recompute.workflow.js';

/** What a calendar change answers with: the job, and the first tasks it moved when it finished in time. */
export interface RecomputationOutcome {
  recomputation: RecomputeJobView;
  recomputedTasks: { id: string; dueAt: string; previousDueAt: string }[];
}

/** How many moved tasks an answer lists; the job's counts say how many there are in all. */
const LISTED_TASKS = 1000;

/** Starts the recomputation a calendar change needs, and reports on it. */
@Injectable()
export class CalendarRecomputations {
  constructor(
    private readonly recomputation: DeadlineRecomputation,
    private readonly temporal: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Inside the change's transaction: records the job and starts its workflow. A failed start rolls the change
   * back; a transaction that fails after the start leaves a workflow that finds no job and ends.
   */
  async begin(tx: EntityManager, request: RecomputeJobRequest): Promise<string> {
    const jobId = await this.recomputation.createJob(tx, request);
    await this.temporal.workflow.start<typeof calendarRecomputeWorkflow>('calendarRecomputeWorkflow', {
      workflowId: workflowIds.calendarRecompute(jobId),
      taskQueue: this.config.temporal.taskQueue,
      args: [{ jobId }],
    });
    return jobId;
  }

  /** The job once it has finished, or as far as it got after `waitMs` (a large change goes on in the background). */
  async outcome(jobId: string, waitMs: number): Promise<RecomputationOutcome> {
    // A failed run is reported by the job's state, not thrown at whoever changed the calendar; the wait for the result
    // is abandoned (aborted) when the answer goes out without it, so no long poll outlives the call.
    const abandon = new AbortController();
    const result = this.temporal
      .withAbortSignal(abandon.signal, () => this.temporal.workflow.getHandle(workflowIds.calendarRecompute(jobId)).result())
      .catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([result, new Promise((resolve) => (timer = setTimeout(resolve, waitMs)))]).finally(() => {
      clearTimeout(timer);
      abandon.abort();
    });
    const recomputation = (await this.recomputation.job(jobId))!;
    return { recomputation, recomputedTasks: await this.recomputation.movedTasks(jobId, LISTED_TASKS) };
  }

  job(jobId: string): Promise<RecomputeJobView | null> {
    return this.recomputation.job(jobId);
  }
}
