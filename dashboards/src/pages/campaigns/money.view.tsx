import type { CampaignMetricsDto } from '@banca/contracts';
import { useTranslation } from 'react-i18next';
import { budgetShare } from '../../campaigns/campaign-figures';
import { SectionCard } from '../../components/section-card';
import { formatCny, formatPercent } from '../../format/number.format';
import { useLanguage } from '../../i18n/i18n';
import { SpendBar } from './spend-bar.view';

/** Premium and bank fee income against the budget, spend by line (recorded and redemptions), ROI and cost per acquisition. */
export function MoneyView({ metrics }: { metrics: CampaignMetricsDto }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { money } = metrics;
  const cny = (value: number | null) => formatCny(value, language);
  const lines = Object.entries(money.spentByLine).sort((a, b) => b[1] - a[1]);
  const lineLabel = (line: string) => {
    const known = ['promotion', 'gifts', 'training', 'fees', 'redemptions'] as const;
    const match = known.find((candidate) => candidate === line);
    return match ? t(`campaigns.budgetLines.${match}`) : line;
  };

  return (
    <SectionCard titleId="money-title" testId="campaign-money" title={t('campaigns.money.title')} description={t('campaigns.money.description')}>
      <div className="grid-2">
        <dl className="facts">
          <div>
            <dt>{t('campaigns.money.premium')}</dt>
            <dd data-testid="money-premium">{cny(money.premium)}</dd>
          </div>
          <div>
            <dt>{t('campaigns.money.feeIncome')}</dt>
            <dd data-testid="money-fee-income">{cny(money.feeIncome)}</dd>
          </div>
          <div>
            <dt>{t('campaigns.money.budget')}</dt>
            <dd>{cny(money.budget)}</dd>
          </div>
          <div>
            <dt>{t('campaigns.money.spent')}</dt>
            <dd data-testid="money-spent">{cny(money.spent)}</dd>
          </div>
          <div>
            <dt>{t('campaigns.money.feeOverBudget')}</dt>
            <dd>{formatPercent(budgetShare(money.feeIncome, money.budget), language)}</dd>
          </div>
          <div>
            <dt>{t('campaigns.money.roi')}</dt>
            <dd data-testid="money-roi">{formatPercent(money.roi, language)}</dd>
          </div>
          <div>
            <dt>{t('campaigns.money.cpa')}</dt>
            <dd>{cny(money.costPerAcquisition)}</dd>
          </div>
        </dl>
        <div className="stack stack--tight">
          <SpendBar spent={money.spent} budget={money.budget} testId="money-spend-bar" />
          <table className="data-table data-table--compact" data-testid="spend-by-line">
            <thead>
              <tr>
                <th scope="col">{t('campaigns.money.line')}</th>
                <th scope="col" className="numeric">{t('campaigns.money.spent')}</th>
                <th scope="col" className="numeric">{t('campaigns.money.shareOfSpend')}</th>
              </tr>
            </thead>
            <tbody>
              {lines.length === 0 && (
                <tr>
                  <td colSpan={3} className="muted">{t('campaigns.money.noSpend')}</td>
                </tr>
              )}
              {lines.map(([line, amount]) => (
                <tr key={line} data-line={line}>
                  <th scope="row">{lineLabel(line)}</th>
                  <td className="numeric">{cny(amount)}</td>
                  <td className="numeric">{formatPercent(budgetShare(amount, money.spent), language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </SectionCard>
  );
}
