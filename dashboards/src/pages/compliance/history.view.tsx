import type { FindingReviewDto } from '@banca/contracts';
import { useTranslation } from 'react-i18next';
import { SectionCard } from '../../components/section-card';
import { formatDateTime } from '../../format/date.format';
import { useLanguage } from '../../i18n/i18n';
import { FindingStatusBadge } from './badges.view';

const ROLE_KEYS = ['admin', 'marketing', 'manager', 'compliance'] as const;

/** Every transition of the finding: when, who (and in which role), from → to, and why. */
export function HistoryView({ history }: { history: readonly FindingReviewDto[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const ordered = [...history].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return (
    <SectionCard titleId="finding-history-title" testId="finding-history" title={t('compliance.detail.history.title')} description={t('compliance.detail.history.description')}>
      {ordered.length === 0 ? (
        <p className="muted">{t('compliance.detail.history.empty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table data-table--compact" data-testid="history-table">
            <thead>
              <tr>
                <th scope="col">{t('compliance.detail.history.when')}</th>
                <th scope="col">{t('compliance.detail.history.who')}</th>
                <th scope="col">{t('compliance.detail.history.role')}</th>
                <th scope="col">{t('compliance.detail.history.change')}</th>
                <th scope="col">{t('compliance.detail.history.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {ordered.map((review) => {
                const role = ROLE_KEYS.find((key) => key === review.reviewerRole);
                return (
                  <tr key={review.id} data-review-id={review.id} data-to-status={review.toStatus}>
                    <td className="nowrap">{formatDateTime(review.createdAt, language)}</td>
                    <td>{review.reviewerId === null ? t('compliance.detail.history.platform') : (review.reviewerName ?? review.reviewerId.slice(0, 8))}</td>
                    <td>{role ? t(`roles.${role}`) : (review.reviewerRole ?? '')}</td>
                    <td className="nowrap">
                      <FindingStatusBadge status={review.fromStatus} /> → <FindingStatusBadge status={review.toStatus} />
                    </td>
                    <td className="history__reason">
                      {review.reason}
                      {review.evidenceId && <span className="muted"> ({t('compliance.detail.history.byEvidence')})</span>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </SectionCard>
  );
}
