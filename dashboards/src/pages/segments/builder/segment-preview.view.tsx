import type { SegmentPreviewResponse } from '@banca/contracts';
import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../api/api-error';
import { KpiCard } from '../../../components/kpi-card';
import { LoadingPanel } from '../../../components/loading-panel';
import { formatCalendarDate } from '../../../format/date.format';
import { formatCount } from '../../../format/number.format';
import { MISSING } from '../../../format/missing';
import { useLanguage } from '../../../i18n/i18n';
import { SectionCard } from '../../../components/section-card';

export interface SegmentPreviewProps {
  preview: UseQueryResult<SegmentPreviewResponse, ApiError>;
  /** The draft is not a complete rule yet: nothing is asked until it is. */
  incomplete: boolean;
}

/** Live count and a pseudonymised sample of the members of the rule being built. */
export function SegmentPreview({ preview, incomplete }: SegmentPreviewProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const yesNo = (value: boolean | null) => (value === null ? MISSING : value ? t('segments.builder.yes') : t('segments.builder.no'));

  return (
    <SectionCard titleId="segment-preview-title" testId="segment-preview" title={t('segments.preview.title')} description={t('segments.preview.description')} className="preview">
      {incomplete && (
        <p className="notice notice--warning" role="status">
          {t('segments.preview.incomplete')}
        </p>
      )}
      {(!incomplete || preview.data !== undefined) && (
        <LoadingPanel query={preview} errorTitle={t('segments.preview.failed')}>
          {(data) => (
            <div className="stack stack--tight">
              <dl className="kpi-row">
                <KpiCard label={t('segments.preview.members')} value={formatCount(data.members, language)} testId="preview-members" />
                <KpiCard label={t('segments.preview.excluded')} value={formatCount(data.excludedWithoutConsent, language)} testId="preview-excluded" />
                <KpiCard label={t('segments.preview.asOf')} value={formatCalendarDate(data.asOf, language)} textual />
              </dl>
              {data.sample.length === 0 ? (
                <p className="muted" role="status">
                  {t('segments.preview.noMembers')}
                </p>
              ) : (
                <div className="table-scroll">
                  <p className="muted small">{t('segments.preview.sample', { count: data.sample.length })}</p>
                  <table className="data-table data-table--compact" data-testid="preview-sample">
                    <thead>
                      <tr>
                        <th scope="col">{t('segments.preview.columns.customerRef')}</th>
                        <th scope="col">{t('segments.preview.columns.tier')}</th>
                        <th scope="col">{t('segments.preview.columns.region')}</th>
                        <th scope="col">{t('segments.preview.columns.branchCode')}</th>
                        <th scope="col">{t('segments.preview.columns.gender')}</th>
                        <th scope="col">{t('segments.preview.columns.ageBand')}</th>
                        <th scope="col">{t('segments.preview.columns.riskLevel')}</th>
                        <th scope="col">{t('segments.preview.columns.payroll')}</th>
                        <th scope="col">{t('segments.preview.columns.hasMortgage')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {data.sample.map((member) => (
                        <tr key={member.customerRef}>
                          <td>
                            <code>{member.customerRef}</code>
                          </td>
                          <td>{member.tier === null ? MISSING : t(`tiers.${member.tier}`)}</td>
                          <td>{member.region ?? MISSING}</td>
                          <td>{member.branchCode ?? MISSING}</td>
                          <td>{member.gender ?? MISSING}</td>
                          <td>{member.ageBand ?? MISSING}</td>
                          <td>{member.riskLevel ?? MISSING}</td>
                          <td>{yesNo(member.payroll)}</td>
                          <td>{yesNo(member.hasMortgage)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </div>
          )}
        </LoadingPanel>
      )}
    </SectionCard>
  );
}
