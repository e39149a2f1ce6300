import { Injectable } from '@nestjs/common';
import type { IngestionEntity } from '@banca/contracts';
import { CustomerRepository } from '../repositories/customer.repository';
import { CUSTOMERS_ENTITY } from './customers.entity';
import type { EntityDefinition } from './entity-definition';
import type { EntityMerger } from './entity-merger';

export interface RegisteredEntity {
  definition: EntityDefinition;
  merger: EntityMerger;
}

/** Every entity a file can carry: its definition and the repository that merges it. */
@Injectable()
export class EntityRegistry {
  private readonly entities: Record<IngestionEntity, RegisteredEntity>;

  constructor(customers: CustomerRepository) {
    this.entities = {
      customers: { definition: CUSTOMERS_ENTITY, merger: customers },
    };
  }

  get(entity: IngestionEntity): RegisteredEntity {
    return this.entities[entity];
  }
}
