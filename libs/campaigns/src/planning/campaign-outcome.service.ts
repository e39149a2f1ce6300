import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditService } from '@banca/audit';
import { ComplianceScanService } from '@banca/compliance';
import { APP_CONFIG, type AppConfig } from '@banca/config';
import {
  parseInput,
  recordCampaignEventSchema,
  recordSaleSchema,
  type RecordCampaignEventRequest,
  type RecordOutcomeResponse,
  type RecordSaleRequest,
} from '@banca/contracts';
import { NotFoundError, ValidationError, type Actor } from '@banca/domain';
import { pseudonymise } from '@banca/ingestion';
import { JOB_QUEUE_TOKEN, JobName, type JobQueue } from '@banca/queue';
import { customerRefOf } from './campaign.mapper';
import { CampaignOutcomeRepository } from './campaign-outcome.repository';
import { CampaignRepository } from './campaign.repository';

/** The longest raw identifier a file may carry (libs/ingestion field kind `customer-id`); the API takes the same. */
const MAX_IDENTIFIER_LENGTH = 128;

/**
 * Outcomes one at a time, for integrations (POST /campaigns/:code/events, POST /sales): the partner's raw
 * customer id is pseudonymised on arrival exactly as a file's (`pseudonymise` of libs/ingestion, the same
 * key) and goes no further; rows are written as the ingestion mergers write them. A new or changed sale
 * is re-checked by the compliance rules at once (its customer's sales), and the figures of the campaigns
 * the outcome touches are refreshed by a job.
 */
@Injectable()
export class CampaignOutcomeService {
  private readonly logger = new Logger(CampaignOutcomeService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(JOB_QUEUE_TOKEN) private readonly jobs: JobQueue,
    private readonly outcomes: CampaignOutcomeRepository,
    private readonly campaigns: CampaignRepository,
    private readonly scans: ComplianceScanService,
    private readonly audit: AuditService,
  ) {}

  /** One campaign event: created, or updated (channel, group), or unchanged when sent again. */
  async recordEvent(code: string, input: RecordCampaignEventRequest, actor: Actor): Promise<RecordOutcomeResponse> {
    const req = parseInput(recordCampaignEventSchema, input, 'campaign event');
    const customerId = this.pseudonym(req.customerId);
    if (!(await this.campaigns.find(code))) throw new NotFoundError(`No campaign ${code}`);
    const customerRef = customerRefOf(customerId);
    const outcome = await this.outcomes.transaction(async (tx) => {
      const written = await this.outcomes.upsertEvent(tx, {
        customerId,
        campaignCode: code,
        event: req.event,
        occurredAt: req.occurredAt,
        channel: req.channel ?? null,
        group: req.group ?? null,
      });
      if (written !== 'unchanged') {
        await this.audit.record(
          {
            actor,
            action: 'campaign.event',
            entityType: 'campaign',
            entityId: code,
            after: { customerRef, event: req.event, occurredAt: req.occurredAt, channel: req.channel ?? null, group: req.group ?? null, outcome: written },
          },
          tx,
        );
      }
      return written;
    });
    const touched = outcome === 'unchanged' ? [] : await this.outcomes.campaignTouchedByEvent(code, customerId, req.occurredAt);
    return { outcome, customerRef, refreshJobId: await this.refresh(touched) };
  }

  /**
   * One sale or policy, keyed as in a file by its sale id (re-sent for another customer, it moves). The
   * product must exist. The customer's sales are then re-checked by the compliance rules (also when the
   * sale was unchanged, so a retry after a failed check checks again).
   */
  async recordSale(input: RecordSaleRequest, actor: Actor): Promise<RecordOutcomeResponse> {
    const req = parseInput(recordSaleSchema, input, 'sale');
    const customerId = this.pseudonym(req.customerId);
    if (!(await this.outcomes.productExists(req.productCode))) {
      throw new ValidationError(`no product ${req.productCode}: load it with the products file first`, { field: 'productCode' });
    }
    const customerRef = customerRefOf(customerId);
    const write = await this.outcomes.transaction(async (tx) => {
      const written = await this.outcomes.upsertSale(tx, {
        customerId,
        saleId: req.saleId,
        productCode: req.productCode,
        soldAt: req.soldAt,
        amount: req.amount,
        currency: 'CNY',
        premiumMode: req.premiumMode ?? null,
        channel: req.channel ?? null,
        branchCode: req.branchCode ?? null,
        staffCode: req.staffCode ?? null,
        campaignCode: req.campaignCode ?? null,
        customerRiskLevelAtSale: req.customerRiskLevelAtSale ?? null,
        dualRecording: req.dualRecording ?? null,
        status: req.status,
        statusAt: req.statusAt ?? null,
        renewedAt: req.renewedAt ?? null,
      });
      if (written.outcome !== 'unchanged') {
        const { customerId: _raw, ...sale } = req;
        await this.audit.record(
          {
            actor,
            action: 'sale.record',
            entityType: 'sale',
            entityId: req.saleId,
            after: { ...sale, customerRef, outcome: written.outcome, movedFromRefs: written.movedFrom.map(customerRefOf) },
          },
          tx,
        );
      }
      return written;
    });
    const customers = [customerId, ...write.movedFrom];
    await this.scans.scanCustomers(customers, 'sale-recorded');
    const touched = write.outcome === 'unchanged' ? [] : await this.outcomes.campaignsTouchedBySale(customers, write.earliestSoldAt);
    const refreshJobId = await this.refresh(touched);
    this.logger.log({ msg: 'sale recorded', saleId: req.saleId, customerRef, outcome: write.outcome, refreshJobId });
    return { outcome: write.outcome, customerRef, refreshJobId };
  }

  /** The pseudonym of a raw identifier, as ingestion makes it; errors name the field, never the value. */
  private pseudonym(rawId: string): string {
    const trimmed = rawId.trim();
    if (trimmed === '') throw new ValidationError('a customer identifier is required', { field: 'customerId' });
    if (trimmed.length > MAX_IDENTIFIER_LENGTH) {
      throw new ValidationError(`identifier longer than ${MAX_IDENTIFIER_LENGTH} characters`, { field: 'customerId' });
    }
    return pseudonymise(trimmed, this.config.pseudonymKey);
  }

  private async refresh(campaignCodes: string[]): Promise<string | null> {
    if (campaignCodes.length === 0) return null;
    return this.jobs.enqueue(JobName.RefreshCampaignRollups, { reason: 'outcome', campaignCodes });
  }
}
