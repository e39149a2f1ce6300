import { useTranslation } from 'react-i18next';
import { LoadingPanel } from '../../components/loading-panel';
import { formatCalendarDate } from '../../format/date.format';
import { formatCny } from '../../format/number.format';
import { useLanguage } from '../../i18n/i18n';
import { useTierRuleVersionsQuery } from '../../segments/segments.queries';
import { SectionCard } from '../../components/section-card';

/** The versions of the tier thresholds (PRODUCT.md): which one today's tiers were computed with. */
export function TierRulesView() {
  const { t } = useTranslation();
  const language = useLanguage();
  const versions = useTierRuleVersionsQuery();
  const cny = (value: number) => formatCny(value, language);

  return (
    <SectionCard titleId="tier-rules-title" testId="tier-rules" title={t('segments.rules.title')} description={t('segments.rules.description')}>
      <LoadingPanel query={versions} isEmpty={(data) => data.versions.length === 0} emptyMessage={t('segments.rules.empty')}>
        {(data) => (
          <div className="table-scroll">
            <table className="data-table data-table--compact">
              <thead>
                <tr>
                  <th scope="col">{t('segments.rules.version')}</th>
                  <th scope="col">{t('segments.rules.effectiveFrom')}</th>
                  <th scope="col" className="numeric">
                    {t('segments.rules.hnwInvestableAssets')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('segments.rules.middleHouseholdIncome')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('segments.rules.middleInvestableAssets')}
                  </th>
                  <th scope="col">{t('segments.rules.note')}</th>
                </tr>
              </thead>
              <tbody>
                {data.versions.map((version) => (
                  <tr key={version.version} className={version.inForce ? 'is-selected' : undefined}>
                    <th scope="row">
                      v{version.version}
                      {version.inForce && <span className="status status--completed status--inline">{t('segments.rules.inForce')}</span>}
                    </th>
                    <td className="nowrap">{formatCalendarDate(version.effectiveFrom, language)}</td>
                    <td className="numeric">≥ {cny(version.thresholds.hnwInvestableAssets)}</td>
                    <td className="numeric">≥ {cny(version.thresholds.middleHouseholdIncome)}</td>
                    <td className="numeric">≥ {cny(version.thresholds.middleInvestableAssets)}</td>
                    <td>{version.note ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </LoadingPanel>
    </SectionCard>
  );
}
