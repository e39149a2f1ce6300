import { useTranslation } from 'react-i18next';
import { budgetShare, spendBarWidth } from '../../campaigns/campaign-figures';
import { formatCny, formatPercent } from '../../format/number.format';
import { useLanguage } from '../../i18n/i18n';

/** Spent against budget: a bar filled to the share spent (red past the budget) and the amounts. */
export function SpendBar({ spent, budget, testId }: { spent: number; budget: number; testId?: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const share = budgetShare(spent, budget);
  const over = share !== null && share > 1;
  return (
    <div className="spend-bar" data-testid={testId}>
      <div
        className="spend-bar__track"
        role="meter"
        aria-label={t('campaigns.spend.bar')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(spendBarWidth(share))}
        aria-valuetext={formatPercent(share, language)}
      >
        <div className={over ? 'spend-bar__fill spend-bar__fill--over' : 'spend-bar__fill'} style={{ width: `${spendBarWidth(share)}%` }} />
      </div>
      <span>
        {t('campaigns.spend.ofBudget', { spent: formatCny(spent, language), budget: formatCny(budget, language) })}
        {share !== null && <span className="muted"> ({formatPercent(share, language, 0)})</span>}
      </span>
    </div>
  );
}
