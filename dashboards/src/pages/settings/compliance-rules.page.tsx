import type { ComplianceRuleSetListDto, CreateComplianceRuleSetResponse } from '@banca/contracts';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { canWriteOn } from '../../navigation/page-access';
import { useComplianceRuleSetsQuery } from '../../admin/compliance-rules.queries';
import { settingsToDraft } from '../../admin/settings-form';
import { useCurrentUser } from '../../auth/session.context';
import { LoadingPanel } from '../../components/loading-panel';
import { SectionCard } from '../../components/section-card';
import { useUrlFilters } from '../../filters/use-url-filters';
import { formatCalendarDate } from '../../format/date.format';
import { useLanguage } from '../../i18n/i18n';
import { useDocumentTitle } from '../../i18n/use-document-title';
import { RuleSettings } from './rule-settings.view';
import { RuleVersionEditor } from './rule-version-editor.view';
import { RuleVersions } from './rule-versions.view';
import '../admin/admin.css';

/** The URL names the version being read, so a link shows a colleague the same settings. */
const pageFiltersSchema = z.object({ version: z.string().regex(/^[1-9]\d{0,8}$/).optional() });

export function ComplianceRulesPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const canWrite = canWriteOn('complianceRules', user.role);
  const ruleSets = useComplianceRuleSetsQuery();
  useDocumentTitle(t('settings.title'));

  return (
    <div className="page">
      <header className="page__header">
        <div>
          <h1 className="page__title">{t('settings.title')}</h1>
          <p className="page__intro">
            {t('settings.intro')} {!canWrite && t('settings.introReadOnly')}
          </p>
        </div>
      </header>
      <LoadingPanel query={ruleSets} isEmpty={(data) => data.versions.length === 0} emptyMessage={t('settings.versions.empty')}>
        {(data) => <RuleSetsBody data={data} canWrite={canWrite} />}
      </LoadingPanel>
    </div>
  );
}

function RuleSetsBody({ data, canWrite }: { data: ComplianceRuleSetListDto; canWrite: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { filters, setFilters } = useUrlFilters(pageFiltersSchema);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState<CreateComplianceRuleSetResponse | null>(null);

  const selected =
    data.versions.find((version) => String(version.version) === filters.version) ??
    data.versions.find((version) => version.inForce) ??
    data.versions[0];
  const draft = useMemo(() => (selected ? settingsToDraft(selected.settings) : null), [selected]);
  if (!selected || !draft) return null;

  return (
    <div className="stack">
      <SectionCard titleId="rule-versions-title" testId="rule-versions-section" title={t('settings.versions.title')} description={t('settings.versions.description')}>
        <RuleVersions versions={data.versions} selected={selected.version} />
      </SectionCard>
      {saved && (
        <p className="notice" role="status" data-testid="rule-set-saved">
          {t('settings.editor.saved', { version: saved.ruleSet.version, date: formatCalendarDate(saved.ruleSet.effectiveFrom, language) })}{' '}
          <span data-testid="scan-started">{t('settings.editor.scanStarted', { jobId: saved.scanJobId })}</span>
        </p>
      )}
      {editing && canWrite ? (
        <RuleVersionEditor
          key={selected.version}
          base={selected}
          defaults={data.defaults}
          onCancel={() => setEditing(false)}
          onSaved={(created) => {
            setSaved(created);
            setEditing(false);
            setFilters({ version: String(created.ruleSet.version) });
          }}
        />
      ) : (
        <SectionCard
          titleId="rule-settings-title"
          testId="rule-settings-section"
          title={t('settings.detail.title', { version: selected.version })}
          description={t('settings.detail.description', { date: formatCalendarDate(selected.effectiveFrom, language) })}
          actions={
            canWrite ? (
              <button
                type="button"
                className="button button--primary"
                onClick={() => {
                  setSaved(null);
                  setEditing(true);
                }}
              >
                {t('settings.detail.newVersion', { version: selected.version })}
              </button>
            ) : undefined
          }
        >
          {!canWrite && (
            <p className="notice" role="note" data-testid="settings-read-only">
              {t('settings.readOnly')}
            </p>
          )}
          <RuleSettings mode={{ kind: 'read', draft }} />
        </SectionCard>
      )}
    </div>
  );
}
