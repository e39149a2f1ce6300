import { Injectable } from '@nestjs/common';
import type { IngestionEntity } from '@banca/contracts';
import { BranchRepository } from '../repositories/branch.repository';
import { CampaignEventRepository } from '../repositories/campaign-event.repository';
import { ComplaintRepository } from '../repositories/complaint.repository';
import { CustomerRepository } from '../repositories/customer.repository';
import { ImportedCampaignRepository } from '../repositories/imported-campaign.repository';
import { ProductRepository } from '../repositories/product.repository';
import { SaleRepository } from '../repositories/sale.repository';
import { StaffRepository } from '../repositories/staff.repository';
import { BRANCHES_ENTITY } from './branches.entity';
import { CAMPAIGN_EVENTS_ENTITY } from './campaign-events.entity';
import { CAMPAIGNS_ENTITY } from './campaigns.entity';
import { COMPLAINTS_ENTITY } from './complaints.entity';
import { CUSTOMERS_ENTITY } from './customers.entity';
import type { EntityDefinition } from './entity-definition';
import type { EntityMerger } from './entity-merger';
import { PRODUCTS_ENTITY } from './products.entity';
import { SALES_ENTITY } from './sales.entity';
import { STAFF_ENTITY } from './staff.entity';

export interface RegisteredEntity {
  definition: EntityDefinition;
  merger: EntityMerger;
}

/** Every definition, by entity (for checks that need no database, e.g. of a mapping). */
export const ENTITY_DEFINITIONS: Record<IngestionEntity, EntityDefinition> = {
  customers: CUSTOMERS_ENTITY,
  products: PRODUCTS_ENTITY,
  sales: SALES_ENTITY,
  campaign_events: CAMPAIGN_EVENTS_ENTITY,
  complaints: COMPLAINTS_ENTITY,
  branches: BRANCHES_ENTITY,
  staff: STAFF_ENTITY,
  campaigns: CAMPAIGNS_ENTITY,
};

/** Every entity a file can carry: its definition and the repository that merges it. */
@Injectable()
export class EntityRegistry {
  private readonly mergers: Record<IngestionEntity, EntityMerger>;

  constructor(
    customers: CustomerRepository,
    products: ProductRepository,
    sales: SaleRepository,
    campaignEvents: CampaignEventRepository,
    complaints: ComplaintRepository,
    branches: BranchRepository,
    staff: StaffRepository,
    campaigns: ImportedCampaignRepository,
  ) {
    this.mergers = {
      customers,
      products,
      sales,
      campaign_events: campaignEvents,
      complaints,
      branches,
      staff,
      campaigns,
    };
  }

  get(entity: IngestionEntity): RegisteredEntity {
    return { definition: ENTITY_DEFINITIONS[entity], merger: this.mergers[entity] };
  }
}
