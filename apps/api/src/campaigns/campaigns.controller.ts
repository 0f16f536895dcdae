import { Body, Controller, Get, Param, ParseUUIDPipe, Post, StreamableFile, UploadedFiles, UseInterceptors } from '@nestjs/common';
import { FilesInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { AccessPolicy } from '../../../../libs/auth/access-policy.js';
import { shanghaiDate } from '../../../../libs/calendar/working-days.js';
import type { Principal } from '../../../../libs/auth/principal.js';
import type { UploadedFile } from '../../../../libs/campaigns/attachment-inspection.js';
import { CampaignReads } from '../../../../libs/campaigns/campaign-reads.usecase.js';
import { StartCampaign } from '../../../../libs/campaigns/start-campaign.usecase.js';
import { SubmitCampaignFiling } from '../../../../libs/campaigns/submit-campaign-filing.usecase.js';
import {
  ATTACHMENT_TYPES,
  CAMPAIGN_PRESET_KEYS,
  CAMPAIGN_PRESETS,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENT_COUNT,
} from '../../../../libs/domain/campaigns.js';
import { InvalidInputError } from '../../../../libs/domain/errors.js';
import { CurrentUser } from '../auth/auth.decorators.js';
import { openApiSchema, ZodPipe } from '../common/zod.js';

const year = z.coerce.number().int().min(2000).max(2999);
const key = z.string().trim().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lower-case letters, digits and hyphens');
const deadlineSchema = z.union([
  z.strictObject({ at: z.iso.datetime({ offset: true }) }),
  z.strictObject({ workingDays: z.number().int().min(1).max(250) }),
]);
const audienceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('levels'), levels: z.array(z.enum(['city', 'district'])).min(1) }),
  z.strictObject({ kind: z.literal('departments'), departmentIds: z.array(z.uuid()).min(1).max(1000) }),
  z.strictObject({ kind: z.literal('holders'), resource: z.enum(['government_database', 'catalog_resource']) }),
]);
const definitionSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  legalSource: z.strictObject({ seed: z.string().trim().min(1).max(20), article: z.string().trim().min(1).max(100) }),
  audience: audienceSchema,
  phases: z.array(z.strictObject({ key, name: z.string().trim().min(1).max(200), deadline: deadlineSchema })).min(1).max(12),
  form: z
    .array(z.strictObject({ key, label: z.string().trim().min(1).max(100), type: z.enum(['text', 'number', 'date', 'boolean']), required: z.boolean() }))
    .max(50),
  attachments: z
    .strictObject({
      minCount: z.number().int().min(0).max(MAX_ATTACHMENT_COUNT),
      maxCount: z.number().int().min(1).max(MAX_ATTACHMENT_COUNT),
      maxBytes: z.number().int().min(1).max(MAX_ATTACHMENT_BYTES),
      types: z.array(z.enum(ATTACHMENT_TYPES)).min(1),
    })
    .nullable(),
  reminder: z.string().trim().min(1).max(50).default('task.reminderBefore'),
  review: z.boolean(),
});
const campaignSchema = z.strictObject({ year, definition: definitionSchema });
const presetStartSchema = z.strictObject({
  year,
  phaseDeadlines: z.record(key, deadlineSchema).optional(),
  audience: audienceSchema.optional(),
});
/** Multipart sends the form as one JSON text part; a JSON body sends it as an object. */
const filingBodySchema = z.strictObject({
  fields: z
    .union([z.string().max(100_000), z.record(z.string(), z.unknown())])
    .optional()
    .transform((value, ctx) => {
      if (value === undefined) return {};
      if (typeof value !== 'string') return value;
      try {
        const parsed: unknown = JSON.parse(value);
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
      } catch {
        /* reported below */
      }
      ctx.addIssue({ code: 'custom', message: 'fields must be a JSON object' });
      return z.NEVER;
    }),
});

/**
 * Uploads kept in memory up to the platform's ceiling (beyond it multer answers 413); names read as UTF-8,
 * as browsers send them (multer's default, latin1, garbles 项目申报书.pdf). `defParamCharset` is missing from Nest's typings.
 */
const UPLOAD_OPTIONS = {
  limits: { fileSize: MAX_ATTACHMENT_BYTES, files: MAX_ATTACHMENT_COUNT },
  defParamCharset: 'utf8',
} as Parameters<typeof FilesInterceptor>[2];

/** Filing campaigns (报送/备案): configured by the info office, filed by departments, reviewed and rolled. */
@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('campaigns')
export class CampaignsController {
  constructor(
    private readonly start: StartCampaign,
    private readonly submit: SubmitCampaignFiling,
    private readonly reads: CampaignReads,
    private readonly access: AccessPolicy,
  ) {}

  /** The info office defines and opens a campaign: a task per department and phase, due at the phase's deadline. */
  @Post()
  @ApiBody({ schema: openApiSchema(campaignSchema) })
  open(@CurrentUser() user: Principal, @Body(new ZodPipe(campaignSchema)) body: z.infer<typeof campaignSchema>) {
    this.access.requireCampaignOrganiser(user, 'opening a campaign');
    return this.start.execute({ year: body.year, definition: body.definition, openedBy: user.id });
  }

  /** The seeds' obligations, ready to start for a year (shown for this year). */
  @Get('presets')
  presets() {
    const thisYear = Number(shanghaiDate(new Date()).slice(0, 4));
    return CAMPAIGN_PRESET_KEYS.map((presetKey) => ({ key: presetKey, prefill: CAMPAIGN_PRESETS[presetKey].prefill, definition: CAMPAIGN_PRESETS[presetKey].define(thisYear) }));
  }

  @Post('presets/:key/start')
  @ApiBody({ schema: openApiSchema(presetStartSchema) })
  startPreset(@CurrentUser() user: Principal, @Param('key') presetKey: string, @Body(new ZodPipe(presetStartSchema)) body: z.infer<typeof presetStartSchema>) {
    this.access.requireCampaignOrganiser(user, 'opening a campaign');
    return this.start.startPreset(presetKey, { ...body, openedBy: user.id });
  }

  @Get('filings/:id')
  filing(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.reads.filing(user, id);
  }

  /** Each attachment's stored bytes hashed again against the filing's record, and the filing against its 备案. */
  @Get('filings/:id/verify')
  verify(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.reads.verify(user, id);
  }

  @Get('filings/:id/attachments/:sha256')
  async attachment(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string, @Param('sha256') sha256: string) {
    const { ref, content } = await this.reads.attachment(user, id, sha256);
    return new StreamableFile(content, {
      type: ref.mediaType,
      length: content.length,
      disposition: `attachment; filename="${ref.sha256}"; filename*=UTF-8''${encodeURIComponent(ref.filename)}`,
    });
  }

  @Get(':id')
  campaign(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.reads.campaign(user, id);
  }

  /** Per phase: who filed on time, late, not yet, missing (deadline passed), returned and not corrected. */
  @Get(':id/roll')
  roll(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.reads.roll(user, id);
  }

  @Get(':id/phases/:phase/prefill')
  prefill(@CurrentUser() user: Principal, @Param('id', ParseUUIDPipe) id: string, @Param('phase') phase: string) {
    return this.reads.prefill(user, id, phase);
  }

  /** The caller's department files for a phase: multipart (`fields` as JSON text, `files`) or JSON (`fields`). */
  @Post(':id/phases/:phase/filings')
  @UseInterceptors(FilesInterceptor('files', MAX_ATTACHMENT_COUNT, UPLOAD_OPTIONS))
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiBody({
    schema: {
      type: 'object',
      properties: {
        fields: { type: 'string', description: 'the form values as a JSON object' },
        files: { type: 'array', items: { type: 'string', format: 'binary' } },
      },
    },
  })
  file(
    @CurrentUser() user: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('phase') phase: string,
    @Body(new ZodPipe(filingBodySchema)) body: z.infer<typeof filingBodySchema>,
    @UploadedFiles() files: UploadedFile[] | undefined,
  ) {
    if (!key.safeParse(phase).success) throw new InvalidInputError(`no phase ${phase}`);
    return this.submit.execute(user, { campaignId: id, phaseKey: phase, fields: body.fields, files: files ?? [] });
  }
}
