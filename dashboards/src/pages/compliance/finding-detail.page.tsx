import type { FindingDetailDto } from '@banca/contracts';
import { PREMIUM_MODES, PRODUCT_CATEGORIES, SALE_STATUSES } from '@banca/domain';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useCurrentUser } from '../../auth/session.context';
import { LoadingPanel } from '../../components/loading-panel';
import { SectionCard } from '../../components/section-card';
import { useFindingQuery } from '../../compliance/compliance.queries';
import { findingFactsText } from '../../compliance/finding-facts';
import { formatCalendarDate, formatDateTime } from '../../format/date.format';
import { MISSING } from '../../format/missing';
import { formatCny, formatCount } from '../../format/number.format';
import { useLanguage } from '../../i18n/i18n';
import { useDocumentTitle } from '../../i18n/use-document-title';
import { canWriteOn } from '../../navigation/page-access';
import { FindingStatusBadge, SeverityBadge } from './badges.view';
import { DecisionForm } from './decision-form.view';
import { EvidenceView } from './evidence.view';
import { HistoryView } from './history.view';
import './compliance.css';

function Fact({ label, children, wide = false }: { label: string; children: ReactNode; wide?: boolean }) {
  return (
    <div className={wide ? 'facts__wide' : undefined}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** One finding: the rule and its facts, the decision, the sale, the customer then, the product, evidence and history. */
export function FindingDetailPage() {
  const { t } = useTranslation();
  const { findingId = '' } = useParams();
  const finding = useFindingQuery(findingId);
  useDocumentTitle(finding.data ? `${t(`compliance.rules.${finding.data.finding.ruleCode}`)} · ${t('compliance.detail.title')}` : t('compliance.detail.title'));

  return (
    <div className="page compliance">
      <p className="compliance-back">
        <Link to="/compliance/findings">← {t('compliance.detail.back')}</Link>
      </p>
      <LoadingPanel query={finding} className="loading-panel--page">
        {(data) => <FindingDetailBody detail={data} />}
      </LoadingPanel>
    </div>
  );
}

function FindingDetailBody({ detail }: { detail: FindingDetailDto }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const user = useCurrentUser();
  const { finding, sale, customerAtSale: customer, product, rule } = detail;
  const yesNo = (value: boolean | null) => (value === null ? t('compliance.detail.notRecorded') : value ? t('compliance.detail.yes') : t('compliance.detail.no'));
  const orMissing = (value: string | null) => value ?? MISSING;
  const premiumMode = (mode: string | null) => {
    const known = PREMIUM_MODES.find((option) => option === mode);
    return known ? t(`compliance.premiumModes.${known}`) : orMissing(mode);
  };
  const category = PRODUCT_CATEGORIES.find((option) => option === product.category);
  const saleStatus = SALE_STATUSES.find((option) => option === sale.status);

  return (
    <div className="stack" data-testid="finding-detail" data-status={finding.status}>
      <header className="page__header">
        <div>
          <h1 className="page__title">
            {t(`compliance.rules.${rule.code}`)} <code className="finding-title__code">{rule.code}</code>
          </h1>
          <p className="page__intro finding-facts" data-testid="finding-facts">
            {findingFactsText(finding.ruleCode, finding.facts, t, language)}
          </p>
        </div>
        <div className="finding-title__badges">
          <SeverityBadge severity={finding.severity} />
          <FindingStatusBadge status={finding.status} />
        </div>
      </header>

      <div className="grid-2">
        <SectionCard titleId="finding-rule-title" testId="finding-rule" title={t('compliance.detail.rule.title')} description={t(`compliance.rules.${rule.code}`)}>
          <dl className="facts">
            <Fact label={t('compliance.detail.rule.code')}>
              <code>{rule.code}</code>
            </Fact>
            <Fact label={t('compliance.detail.rule.version')}>
              {t('compliance.detail.rule.versionValue', { version: rule.version, date: formatCalendarDate(rule.effectiveFrom, language) })}
            </Fact>
            <Fact label={t('compliance.detail.rule.severity')}>
              <SeverityBadge severity={rule.severity} />
            </Fact>
            <Fact label={t('compliance.detail.rule.status')}>
              <span data-testid="finding-status">{t(`compliance.statuses.${finding.status}`)}</span>
            </Fact>
            <Fact label={t('compliance.detail.rule.created')}>{formatDateTime(finding.createdAt, language)}</Fact>
            <Fact label={t('compliance.detail.rule.updated')}>{formatDateTime(finding.updatedAt, language)}</Fact>
          </dl>
        </SectionCard>
        <DecisionForm key={finding.id} detail={detail} />
      </div>

      <div className="grid-2">
        <SectionCard titleId="finding-sale-title" testId="finding-sale" title={t('compliance.detail.sale.title')} description={sale.saleId}>
          <dl className="facts">
            <Fact label={t('compliance.detail.sale.saleId')}>
              <code>{sale.saleId}</code>
            </Fact>
            <Fact label={t('compliance.detail.sale.soldAt')}>{formatCalendarDate(sale.soldAt, language)}</Fact>
            <Fact label={t('compliance.detail.sale.amount')}>{sale.currency === 'CNY' ? formatCny(sale.amount, language) : `${sale.currency} ${sale.amount}`}</Fact>
            <Fact label={t('compliance.detail.sale.premiumMode')}>{premiumMode(sale.premiumMode)}</Fact>
            <Fact label={t('compliance.detail.sale.channel')}>{orMissing(sale.channel)}</Fact>
            <Fact label={t('compliance.detail.sale.branch')}>{orMissing(sale.branchCode)}</Fact>
            <Fact label={t('compliance.detail.sale.staff')}>{orMissing(sale.staffCode)}</Fact>
            <Fact label={t('compliance.detail.sale.campaign')}>{orMissing(sale.campaignCode)}</Fact>
            <Fact label={t('compliance.detail.sale.status')}>{saleStatus ? t(`compliance.saleStatuses.${saleStatus}`) : sale.status}</Fact>
            <Fact label={t('compliance.detail.sale.statusAt')}>{formatCalendarDate(sale.statusAt, language)}</Fact>
            <Fact label={t('compliance.detail.sale.dualRecording')}>{yesNo(sale.dualRecording)}</Fact>
            <Fact label={t('compliance.detail.sale.riskLevelAtSale')}>{orMissing(sale.customerRiskLevelAtSale)}</Fact>
          </dl>
        </SectionCard>

        <SectionCard titleId="finding-customer-title" testId="finding-customer" title={t('compliance.detail.customer.title')} description={t('compliance.detail.customer.description')}>
          {customer === null ? (
            <>
              <dl className="facts">
                <Fact label={t('compliance.detail.customer.ref')}>
                  <code>{finding.customerRef}</code>
                </Fact>
              </dl>
              <p className="muted">{t('compliance.detail.customer.none')}</p>
            </>
          ) : (
            <dl className="facts">
              <Fact label={t('compliance.detail.customer.ref')}>
                <code data-testid="customer-ref">{customer.customerRef}</code>
              </Fact>
              <Fact label={t('compliance.detail.customer.asOf')}>{formatCalendarDate(customer.asOf, language)}</Fact>
              <Fact label={t('compliance.detail.customer.age')}>{formatCount(customer.ageAtSale, language)}</Fact>
              <Fact label={t('compliance.detail.customer.region')}>{orMissing(customer.region)}</Fact>
              <Fact label={t('compliance.detail.customer.riskLevel')}>{orMissing(customer.riskLevel)}</Fact>
              <Fact label={t('compliance.detail.customer.riskAssessedAt')}>{formatCalendarDate(customer.riskAssessedAt, language)}</Fact>
              <Fact label={t('compliance.detail.customer.monthlyIncome')}>{formatCny(customer.monthlyIncome, language)}</Fact>
              <Fact label={t('compliance.detail.customer.householdAnnualIncome')}>{formatCny(customer.householdAnnualIncome, language)}</Fact>
              <Fact label={t('compliance.detail.customer.consentMarketing')}>{yesNo(customer.consentMarketing)}</Fact>
              <Fact label={t('compliance.detail.customer.consentDataSharing')}>{yesNo(customer.consentDataSharing)}</Fact>
            </dl>
          )}
        </SectionCard>
      </div>

      <SectionCard titleId="finding-product-title" testId="finding-product" title={t('compliance.detail.product.title')} description={`${product.productCode} · ${product.name}`}>
        <dl className="facts">
          <Fact label={t('compliance.detail.product.code')}>
            <code>{product.productCode}</code>
          </Fact>
          <Fact label={t('compliance.detail.product.name')}>{product.name}</Fact>
          <Fact label={t('compliance.detail.product.provider')}>{product.provider}</Fact>
          <Fact label={t('compliance.detail.product.category')}>{category ? t(`productCategories.${category}`) : product.category}</Fact>
          <Fact label={t('compliance.detail.product.riskLevel')}>
            <strong data-testid="product-risk-used">{product.riskLevel}</strong> <span className="muted">({t('compliance.detail.product.riskLevelNote')})</span>
          </Fact>
          <Fact label={t('compliance.detail.product.premiumMode')}>{premiumMode(product.premiumMode)}</Fact>
          <Fact label={t('compliance.detail.product.termYears')}>
            {product.termYears === null ? MISSING : t('compliance.detail.product.termYearsValue', { count: product.termYears })}
          </Fact>
          {product.ratings.length > 0 && (
            <Fact label={t('compliance.detail.product.ratings')} wide>
              <table className="data-table data-table--compact ratings-table" data-testid="product-ratings">
                <thead>
                  <tr>
                    <th scope="col">{t('compliance.detail.product.ratedBy')}</th>
                    <th scope="col">{t('compliance.detail.product.riskLevel')}</th>
                  </tr>
                </thead>
                <tbody>
                  {product.ratings.map((rating) => (
                    <tr key={rating.ratedBy} className={rating.riskLevel === product.riskLevel ? 'is-selected' : undefined}>
                      <th scope="row">{rating.ratedBy}</th>
                      <td>
                        {rating.riskLevel}
                        {rating.riskLevel === product.riskLevel && <span className="status status--completed status--inline">{t('compliance.detail.product.used')}</span>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Fact>
          )}
        </dl>
      </SectionCard>

      <EvidenceView saleId={sale.saleId} evidence={detail.evidence} canAdd={canWriteOn('compliance', user.role)} />
      <HistoryView history={detail.history} />
    </div>
  );
}
