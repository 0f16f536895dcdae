import { Inject, Injectable, Logger } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { filingCampaignWorkflow } from '../../workflows/filing-campaign.workflow.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import {
  CAMPAIGN_PRESET_KEYS,
  CAMPAIGN_PRESETS,
  definitionProblem,
  isCampaignPresetKey,
  type CampaignAudience,
  type CampaignDefinition,
  type PhaseDeadline,
} from '../domain/campaigns.js';
import { ConflictError, NotFoundError, RuleViolationError } from '../domain/errors.js';
import { workflowIds } from '../temporal/workflow-ids.js';
import { CampaignService, type CampaignRecord } from './campaign.service.js';

export interface PresetStartInput {
  year: number;
  /** Another due date for some phases (an earlier one for a rehearsal, say). */
  phaseDeadlines?: Record<string, PhaseDeadline>;
  /** Another audience than the preset's. */
  audience?: CampaignAudience;
  openedBy?: string | null;
}

/**
 * Opens a filing campaign — one the info office defined, or a preset for a year — and starts its workflow
 * inside the campaign's transaction (a failed start leaves no campaign). Callable by the API and the schedule.
 */
@Injectable()
export class StartCampaign {
  private readonly logger = new Logger(StartCampaign.name);

  constructor(
    private readonly campaigns: CampaignService,
    private readonly temporal: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(input: { year: number; definition: CampaignDefinition; presetKey?: string | null; openedBy?: string | null }): Promise<CampaignRecord> {
    const problem = definitionProblem(input.definition);
    if (problem) throw new RuleViolationError(problem);
    const now = Date.now();
    const passed = input.definition.phases.find((phase) => 'at' in phase.deadline && Date.parse(phase.deadline.at) <= now);
    if (passed) throw new RuleViolationError(`the deadline of phase ${passed.key} has passed; give it a due date still ahead`);
    const departmentIds = await this.campaigns.audienceDepartments(input.definition.audience);
    if (departmentIds.length === 0) throw new RuleViolationError('the audience names no department with someone who can file');
    return this.campaigns.open(
      { presetKey: input.presetKey ?? null, year: input.year, definition: input.definition, openedBy: input.openedBy ?? null, departmentIds },
      workflowIds.filingCampaign,
      async (campaignId, workflowId) => {
        await this.temporal.workflow.start(filingCampaignWorkflow, {
          workflowId,
          taskQueue: this.config.temporal.taskQueue,
          args: [{ campaignId }],
          workflowIdConflictPolicy: 'USE_EXISTING',
        });
      },
    );
  }

  async startPreset(key: string, input: PresetStartInput): Promise<CampaignRecord> {
    if (!isCampaignPresetKey(key)) throw new NotFoundError(`no campaign preset ${key}; presets: ${CAMPAIGN_PRESET_KEYS.join(', ')}`);
    if (await this.campaigns.presetOpened(key, input.year)) throw new ConflictError(`the ${key} campaign of ${input.year} has already been opened`);
    const preset: CampaignDefinition = CAMPAIGN_PRESETS[key].define(input.year);
    const unknown = Object.keys(input.phaseDeadlines ?? {}).find((phaseKey) => !preset.phases.some((phase) => phase.key === phaseKey));
    if (unknown) throw new RuleViolationError(`the ${key} preset has no phase ${unknown}`);
    const definition: CampaignDefinition = {
      ...preset,
      audience: input.audience ?? preset.audience,
      phases: preset.phases.map((phase) => ({ ...phase, deadline: input.phaseDeadlines?.[phase.key] ?? phase.deadline })),
    };
    return this.execute({ year: input.year, definition, presetKey: key, openedBy: input.openedBy ?? null });
  }

  /** The yearly schedule: the given presets for the current year (Beijing time), unless opened already or their deadlines have passed. */
  async openYearlyPresets(presetKeys: readonly string[]): Promise<{ year: number; opened: string[] }> {
    const year = Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
    const opened: string[] = [];
    for (const key of presetKeys) {
      try {
        await this.startPreset(key, { year });
        opened.push(key);
      } catch (error) {
        if (!(error instanceof ConflictError || error instanceof RuleViolationError)) throw error;
        this.logger.log(`preset ${key} of ${year} not opened: ${error.message}`);
      }
    }
    return { year, opened };
  }
}
