import { Module } from '@nestjs/common';
import { ComplianceModule } from '@banca/compliance';
import { ComplianceFiguresController } from './compliance-figures.controller';
import { ComplianceFindingsController } from './compliance-findings.controller';
import { ComplianceRulesController } from './compliance-rules.controller';

@Module({
  imports: [ComplianceModule],
  controllers: [ComplianceRulesController, ComplianceFindingsController, ComplianceFiguresController],
})
export class ComplianceHttpModule {}
