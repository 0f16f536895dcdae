import { Injectable } from '@nestjs/common';
import { AccessPolicy } from '../auth/access-policy.js';
import type { Principal } from '../auth/principal.js';
import { CAMPAIGN_PRESETS } from '../domain/campaigns.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../domain/errors.js';
import { CampaignService, type CampaignFilingRecord } from './campaign.service.js';

/** What may be read of campaigns, each read behind the access policy. */
@Injectable()
export class CampaignReads {
  constructor(
    private readonly campaigns: CampaignService,
    private readonly access: AccessPolicy,
  ) {}

  /** A campaign's definition: its organisers and overseers, and the departments it asks. */
  async campaign(principal: Principal, campaignId: string) {
    const campaign = await this.campaigns.campaign(campaignId);
    if (!campaign) throw new NotFoundError(`no campaign ${campaignId}`);
    if (!this.access.isCityWide(principal) && !campaign.departmentIds.includes(principal.departmentId))
      throw new ForbiddenError('the campaign does not ask your department');
    return campaign;
  }

  async roll(principal: Principal, campaignId: string) {
    this.access.requireCampaignOverseer(principal, 'the campaign roll');
    const campaign = await this.campaigns.campaign(campaignId);
    if (!campaign) throw new NotFoundError(`no campaign ${campaignId}`);
    return this.campaigns.roll(campaign);
  }

  /** The values a department's form starts from (the database survey: its registered databases). */
  async prefill(principal: Principal, campaignId: string, phaseKey: string) {
    const campaign = await this.campaign(principal, campaignId);
    if (!campaign.definition.phases.some((phase) => phase.key === phaseKey)) throw new NotFoundError(`the campaign has no phase ${phaseKey}`);
    const preset = campaign.presetKey ? CAMPAIGN_PRESETS[campaign.presetKey as keyof typeof CAMPAIGN_PRESETS] : undefined;
    const fields = preset?.prefill === 'database_registry' ? await this.campaigns.databaseRegistryPrefill(principal.departmentId) : {};
    return { campaignId, phaseKey, departmentId: principal.departmentId, fields };
  }

  async filing(principal: Principal, filingId: string): Promise<CampaignFilingRecord> {
    const filing = await this.campaigns.filing(filingId);
    if (!filing) throw new NotFoundError(`no campaign filing ${filingId}`);
    if (!this.access.canSeeCampaignFiling(principal, filing))
      throw new ForbiddenError("a campaign filing is seen by its department, the info office and the assessment group");
    return filing;
  }

  /** An attachment's bytes, under the filing's access rule; bytes that no longer match their hash are not served. */
  async attachment(principal: Principal, filingId: string, sha256: string) {
    const filing = await this.filing(principal, filingId);
    const ref = filing.attachments.find((attachment) => attachment.sha256 === sha256);
    if (!ref) throw new NotFoundError(`the filing has no attachment ${sha256}`);
    const [verification] = await this.campaigns.verifyAttachments({ ...filing, attachments: [ref] });
    if (!verification!.ok) throw new ConflictError(`the stored bytes of ${ref.filename} no longer match their recorded hash`);
    return { ref, content: (await this.campaigns.attachmentContent(sha256))! };
  }

  /**
   * Re-hashes every attachment against the hash recorded in the filing and, once filed, compares the filing's
   * attachments with those of its 备案 (the ledger's own chain is verified by GET /filings/verify).
   */
  async verify(principal: Principal, filingId: string) {
    const filing = await this.filing(principal, filingId);
    const attachments = await this.campaigns.verifyAttachments(filing);
    const filed = filing.filingSeq === null ? null : await this.campaigns.filedPayload(filing.filingSeq);
    const matchesFiled = filed === null ? null : JSON.stringify(filed['attachments']) === JSON.stringify(filing.attachments);
    return {
      filingId,
      ok: attachments.every((attachment) => attachment.ok) && matchesFiled !== false,
      attachments,
      filed: filing.filingSeq === null ? null : { seq: filing.filingSeq, attachmentsMatch: matchesFiled },
    };
  }
}
