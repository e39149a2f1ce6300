import type { CliCommand } from '../cli.types';
import { benchCommand } from './bench.command';
import { campaignCommand } from './campaign.command';
import { complianceCommand } from './compliance.command';
import { generateCommand } from './generate.command';
import { ingestCommand } from './ingest.command';
import { migrateCommand } from './migrate.command';
import { segmentCommand } from './segment.command';
import { tokensCommand } from './tokens.command';
import { usersCommand } from './users.command';

/** Every `banca` command, in help order: one import and one entry per command file. */
export const commands: CliCommand[] = [migrateCommand, usersCommand, tokensCommand, ingestCommand, segmentCommand, complianceCommand, campaignCommand, generateCommand, benchCommand];
