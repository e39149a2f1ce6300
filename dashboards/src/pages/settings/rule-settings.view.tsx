import {
  CUSTOMER_RISK_LEVELS,
  EVIDENCE_KINDS,
  PRODUCT_CATEGORIES,
  PRODUCT_RISK_LEVELS,
  RULE_CODES,
  SEVERITIES,
  type ProductCategory,
  type ProductRiskLevel,
  type Severity,
} from '@banca/domain';
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  newRegionRow,
  NUMBER_KINDS,
  parseChannels,
  regionIssueField,
  toggled,
  type CategoryField,
  type ChannelField,
  type NumberField,
  type SettingsDraft,
} from '../../admin/settings-form';
import { useLanguage } from '../../i18n/i18n';
import type { Translation } from '../../i18n/locales/en';

type NumberLabelKey = keyof Translation['settings']['numbers'];

/** i18n keys cannot hold dots: `alerts.mismatchRate` is labelled by `alertsMismatchRate`. */
const NUMBER_LABELS: Readonly<Record<NumberField, NumberLabelKey>> = {
  assessmentValidityMonths: 'assessmentValidityMonths',
  elderlyAge: 'elderlyAge',
  elderlyRegularPremiumAge: 'elderlyRegularPremiumAge',
  'lowIncome.national': 'lowIncomeNational',
  affordabilitySingleMultiple: 'affordabilitySingleMultiple',
  affordabilityRegularShare: 'affordabilityRegularShare',
  affordabilityHorizonAge: 'affordabilityHorizonAge',
  lifeCoverMinTermYears: 'lifeCoverMinTermYears',
  dualRecordingAge: 'dualRecordingAge',
  investmentLinkedExperienceMonths: 'investmentLinkedExperienceMonths',
  'alerts.mismatchRate': 'alertsMismatchRate',
  'alerts.coolingOffRate': 'alertsCoolingOffRate',
  'alerts.complaintsPer100mPremium': 'alertsComplaintsPer100mPremium',
  'alerts.complaintsPer10kPolicies': 'alertsComplaintsPer10kPolicies',
  'alerts.persistency13m': 'alertsPersistency13m',
  'alerts.minSales': 'alertsMinSales',
};

/** The settings are shown (a version) or edited (a new version's draft) by the same groups. */
export type SettingsMode =
  | { kind: 'read'; draft: SettingsDraft }
  | {
      kind: 'edit';
      draft: SettingsDraft;
      onChange: (draft: SettingsDraft) => void;
      /** Messages per field path (the API's path, or `regions.<row id>.<part>` for an override row). */
      messagesAt: (path: string) => string[];
    };

/** Every setting of a version in readable groups; in edit mode, each as a control with its messages. */
export function RuleSettings({ mode }: { mode: SettingsMode }) {
  const { t } = useTranslation();
  return (
    <div className="rule-settings" data-testid={mode.kind === 'edit' ? 'rule-settings-form' : 'rule-settings'}>
      <Group id="severities" title={t('settings.groups.severities.title')} description={t('settings.groups.severities.description')}>
        <SeverityTable mode={mode} />
      </Group>
      <Group id="risk-grid" title={t('settings.groups.riskGrid.title')} description={t('settings.groups.riskGrid.description')}>
        <RiskGrid mode={mode} />
      </Group>
      <Group id="assessment" title={t('settings.groups.assessment.title')} description={t('settings.groups.assessment.description')}>
        <AssessmentScope mode={mode} />
        <div className="setting-grid">
          <NumberSetting mode={mode} field="assessmentValidityMonths" />
        </div>
      </Group>
      <Group id="vulnerable" title={t('settings.groups.vulnerable.title')} description={t('settings.groups.vulnerable.description')}>
        <CategorySetting mode={mode} field="nonGuaranteedCategories" />
        <div className="setting-grid">
          <NumberSetting mode={mode} field="elderlyAge" />
          <NumberSetting mode={mode} field="elderlyRegularPremiumAge" />
          <NumberSetting mode={mode} field="lowIncome.national" />
        </div>
        <RegionOverrides mode={mode} />
      </Group>
      <Group id="affordability" title={t('settings.groups.affordability.title')} description={t('settings.groups.affordability.description')}>
        <div className="setting-grid">
          <NumberSetting mode={mode} field="affordabilitySingleMultiple" />
          <NumberSetting mode={mode} field="affordabilityRegularShare" />
          <NumberSetting mode={mode} field="affordabilityHorizonAge" />
        </div>
      </Group>
      <Group id="dual-recording" title={t('settings.groups.dualRecording.title')} description={t('settings.groups.dualRecording.description')}>
        <CategorySetting mode={mode} field="insuranceCategories" />
        <CategorySetting mode={mode} field="lifeCoverCategories" />
        <div className="setting-grid">
          <NumberSetting mode={mode} field="lifeCoverMinTermYears" />
          <NumberSetting mode={mode} field="dualRecordingAge" />
          <ChannelSetting mode={mode} field="outletChannels" />
          <ChannelSetting mode={mode} field="bankChannels" />
        </div>
      </Group>
      <Group id="staff-cover" title={t('settings.groups.staffAndCover.title')} description={t('settings.groups.staffAndCover.description')}>
        <div className="setting-grid">
          <NumberSetting mode={mode} field="investmentLinkedExperienceMonths" />
        </div>
        <CategorySetting mode={mode} field="protectionCategories" />
      </Group>
      <Group id="evidence" title={t('settings.groups.evidence.title')} description={t('settings.groups.evidence.description')}>
        <EvidenceTable mode={mode} />
      </Group>
      <Group id="alerts" title={t('settings.groups.alerts.title')} description={t('settings.groups.alerts.description')}>
        <div className="setting-grid">
          <NumberSetting mode={mode} field="alerts.mismatchRate" />
          <MismatchSeverity mode={mode} />
          <NumberSetting mode={mode} field="alerts.coolingOffRate" />
          <NumberSetting mode={mode} field="alerts.complaintsPer100mPremium" />
          <NumberSetting mode={mode} field="alerts.complaintsPer10kPolicies" />
          <NumberSetting mode={mode} field="alerts.persistency13m" />
          <NumberSetting mode={mode} field="alerts.minSales" />
        </div>
      </Group>
    </div>
  );
}

function Group({ id, title, description, children }: { id: string; title: string; description: string; children: ReactNode }) {
  const titleId = useId();
  return (
    <section className="setting-group" aria-labelledby={titleId} data-group={id}>
      <h3 className="section__title" id={titleId}>
        {title}
      </h3>
      <p className="card__description">{description}</p>
      {children}
    </section>
  );
}

function Messages({ id, messages }: { id?: string; messages: readonly string[] }) {
  if (messages.length === 0) return null;
  return (
    <span id={id} className="field__error field__help" role="alert" data-testid="field-issues">
      {messages.join(' ')}
    </span>
  );
}

function messagesOf(mode: SettingsMode, path: string): string[] {
  return mode.kind === 'edit' ? mode.messagesAt(path) : [];
}

function update(mode: SettingsMode, change: (draft: SettingsDraft) => SettingsDraft) {
  if (mode.kind === 'edit') mode.onChange(change(mode.draft));
}

function SeverityTable({ mode }: { mode: SettingsMode }) {
  const { t } = useTranslation();
  const messages = messagesOf(mode, 'settings.severities');
  return (
    <div className="table-scroll">
      <table className="data-table data-table--compact" data-testid="severity-table">
        <thead>
          <tr>
            <th scope="col">{t('settings.columns.rule')}</th>
            <th scope="col">{t('settings.columns.code')}</th>
            <th scope="col">{t('settings.columns.severity')}</th>
          </tr>
        </thead>
        <tbody>
          {RULE_CODES.map((code) => {
            const severity = mode.draft.severities[code];
            return (
              <tr key={code} data-rule={code}>
                <th scope="row">{t(`compliance.rules.${code}`)}</th>
                <td>
                  <code>{code}</code>
                </td>
                <td>
                  {mode.kind === 'edit' ? (
                    <select
                      className="select select--compact-light"
                      aria-label={`${t(`compliance.rules.${code}`)}: ${t('settings.columns.severity')}`}
                      value={severity}
                      onChange={(event) => {
                        const value = SEVERITIES.find((option) => option === event.target.value);
                        if (value) update(mode, (draft) => ({ ...draft, severities: { ...draft.severities, [code]: value } }));
                      }}
                    >
                      {SEVERITIES.map((option) => (
                        <option key={option} value={option}>
                          {t(`compliance.severities.${option}`)}
                        </option>
                      ))}
                    </select>
                  ) : (
                    <span className={`severity severity--${severity}`}>{t(`compliance.severities.${severity}`)}</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <Messages messages={messages} />
    </div>
  );
}

function RiskGrid({ mode }: { mode: SettingsMode }) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll">
      <table className="data-table data-table--compact risk-grid" data-testid="risk-grid">
        <thead>
          <tr>
            <th scope="col">{t('settings.columns.customerLevel')}</th>
            <th scope="col">{t('settings.columns.maxProduct')}</th>
            {PRODUCT_RISK_LEVELS.map((level) => (
              <th key={level} scope="col" className="risk-grid__level">
                {level}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {CUSTOMER_RISK_LEVELS.map((level) => {
            const max = mode.draft.riskGrid[level];
            const maxIndex = PRODUCT_RISK_LEVELS.indexOf(max);
            return (
              <tr key={level} data-level={level}>
                <th scope="row">{level}</th>
                <td>
                  {mode.kind === 'edit' ? (
                    <select
                      className="select select--compact-light"
                      aria-label={`${level}: ${t('settings.columns.maxProduct')}`}
                      value={max}
                      onChange={(event) => {
                        const value = PRODUCT_RISK_LEVELS.find((option): option is ProductRiskLevel => option === event.target.value);
                        if (value) update(mode, (draft) => ({ ...draft, riskGrid: { ...draft.riskGrid, [level]: value } }));
                      }}
                    >
                      {PRODUCT_RISK_LEVELS.map((option) => (
                        <option key={option} value={option}>
                          {option}
                        </option>
                      ))}
                    </select>
                  ) : (
                    <span data-testid="risk-grid-max">{max === 'R1' ? 'R1' : `R1–${max}`}</span>
                  )}
                  <Messages messages={messagesOf(mode, `settings.riskGrid.${level}`)} />
                </td>
                {PRODUCT_RISK_LEVELS.map((product, index) => (
                  <td key={product} className={index <= maxIndex ? 'risk-grid__cell risk-grid__cell--allowed' : 'risk-grid__cell'} aria-hidden="true">
                    {index <= maxIndex ? '✓' : ''}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** A number in the user's language with its grouping, as typed precision allows ("54,188", "0.26"). */
function readableNumber(text: string, language: string): string {
  const value = Number(text);
  return Number.isFinite(value) ? new Intl.NumberFormat(language, { maximumFractionDigits: 6 }).format(value) : text;
}

function NumberSetting({ mode, field }: { mode: SettingsMode; field: NumberField }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const id = useId();
  const messagesId = useId();
  const labels = t(`settings.numbers.${NUMBER_LABELS[field]}`, { returnObjects: true });
  const text = mode.draft.numbers[field];
  const messages = messagesOf(mode, `settings.${field}`);
  const kind = NUMBER_KINDS[field];
  return (
    <div className="setting" data-setting={field}>
      <label className="setting__label" htmlFor={mode.kind === 'edit' ? id : undefined} id={`${id}-label`}>
        {labels.label}
      </label>
      {mode.kind === 'edit' ? (
        <span className="setting__control">
          <input
            id={id}
            name={field}
            className="input input--number"
            inputMode={kind === 'integer' ? 'numeric' : 'decimal'}
            value={text}
            aria-invalid={messages.length > 0 ? true : undefined}
            aria-describedby={messages.length > 0 ? messagesId : undefined}
            onChange={(event) => {
              const value = event.target.value;
              update(mode, (draft) => ({ ...draft, numbers: { ...draft.numbers, [field]: value } }));
            }}
          />
          <span className="setting__unit">{labels.unit}</span>
        </span>
      ) : (
        <span className="setting__value" data-testid={`setting-${field}`}>
          {readableNumber(text, language)} <span className="setting__unit">{labels.unit}</span>
        </span>
      )}
      <Messages id={messagesId} messages={messages} />
    </div>
  );
}

function CategoryChoices({
  mode,
  label,
  values,
  onChange,
  messages,
}: {
  mode: SettingsMode;
  label: string;
  values: readonly ProductCategory[];
  onChange: (values: ProductCategory[]) => void;
  messages: readonly string[];
}) {
  const { t } = useTranslation();
  if (mode.kind === 'read') {
    return <span className="setting__value">{values.length === 0 ? t('settings.none') : values.map((category) => t(`productCategories.${category}`)).join(', ')}</span>;
  }
  return (
    <>
      <fieldset className="condition__choices" aria-label={label} aria-invalid={messages.length > 0 ? true : undefined}>
        {PRODUCT_CATEGORIES.map((category) => (
          <label key={category} className="chip">
            <input
              type="checkbox"
              checked={values.includes(category)}
              onChange={(event) => onChange(toggled(values, category, event.target.checked, PRODUCT_CATEGORIES))}
            />
            {t(`productCategories.${category}`)}
          </label>
        ))}
      </fieldset>
      <Messages messages={messages} />
    </>
  );
}

function CategorySetting({ mode, field }: { mode: SettingsMode; field: CategoryField }) {
  const { t } = useTranslation();
  const label = t(`settings.categories.${field}`);
  return (
    <div className="setting setting--wide" data-setting={field}>
      <span className="setting__label">{label}</span>
      <CategoryChoices
        mode={mode}
        label={label}
        values={mode.draft.categories[field]}
        messages={messagesOf(mode, `settings.${field}`)}
        onChange={(values) => update(mode, (draft) => ({ ...draft, categories: { ...draft.categories, [field]: values } }))}
      />
    </div>
  );
}

function AssessmentScope({ mode }: { mode: SettingsMode }) {
  const { t } = useTranslation();
  const name = useId();
  const field = 'assessmentRequiredCategories';
  const label = t(`settings.categories.${field}`);
  if (mode.kind === 'read') {
    return (
      <div className="setting setting--wide" data-setting={field}>
        <span className="setting__label">{label}</span>
        <span className="setting__value">
          {mode.draft.assessmentForAll ? t('settings.everyProduct') : <CategoryChoices mode={mode} label={label} values={mode.draft.categories[field]} onChange={() => undefined} messages={[]} />}
        </span>
      </div>
    );
  }
  return (
    <div className="setting setting--wide" data-setting={field}>
      <fieldset className="setting__choices">
        <legend className="setting__label">{t('settings.assessmentScope.label')}</legend>
        {(['all', 'categories'] as const).map((scope) => (
          <label key={scope} className="setting__radio">
            <input
              type="radio"
              name={name}
              checked={mode.draft.assessmentForAll === (scope === 'all')}
              onChange={() => update(mode, (draft) => ({ ...draft, assessmentForAll: scope === 'all' }))}
            />
            {t(`settings.assessmentScope.${scope}`)}
          </label>
        ))}
      </fieldset>
      {!mode.draft.assessmentForAll && (
        <CategoryChoices
          mode={mode}
          label={label}
          values={mode.draft.categories[field]}
          messages={messagesOf(mode, `settings.${field}`)}
          onChange={(values) => update(mode, (draft) => ({ ...draft, categories: { ...draft.categories, [field]: values } }))}
        />
      )}
    </div>
  );
}

function ChannelSetting({ mode, field }: { mode: SettingsMode; field: ChannelField }) {
  const { t } = useTranslation();
  const id = useId();
  const hintId = useId();
  const messages = messagesOf(mode, `settings.${field}`);
  const text = mode.draft.channels[field];
  return (
    <div className="setting setting--channels" data-setting={field}>
      <label className="setting__label" htmlFor={mode.kind === 'edit' ? id : undefined}>
        {t(`settings.channels.${field}`)}
      </label>
      {mode.kind === 'edit' ? (
        <>
          <input
            id={id}
            name={field}
            className="input input--wide"
            value={text}
            aria-invalid={messages.length > 0 ? true : undefined}
            aria-describedby={hintId}
            onChange={(event) => {
              const value = event.target.value;
              update(mode, (draft) => ({ ...draft, channels: { ...draft.channels, [field]: value } }));
            }}
          />
          <span id={hintId} className="field__help">
            {t('settings.channels.hint')}
          </span>
        </>
      ) : (
        <span className="setting__value setting__codes">
          {parseChannels(text).length === 0
            ? t('settings.none')
            : parseChannels(text).map((code) => (
                <code key={code} className="setting__code">
                  {code}
                </code>
              ))}
        </span>
      )}
      <Messages messages={messages} />
    </div>
  );
}

function RegionOverrides({ mode }: { mode: SettingsMode }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const titleId = useId();
  const rows = mode.draft.regions;
  // Issues about the overrides as a whole, or about a region no row names any more, go under the table.
  const shownByRows = new Set(rows.filter((row) => row.region.trim() !== '').flatMap((row) => messagesOf(mode, regionIssueField(row.region))));
  const general = messagesOf(mode, 'settings.lowIncome.regions').filter((message) => !shownByRows.has(message));

  return (
    <div className="region-overrides" data-testid="region-overrides">
      <h4 className="setting__label" id={titleId}>
        {t('settings.regions.title')}
      </h4>
      <p className="field__help">{t('settings.regions.description')}</p>
      {rows.length === 0 && mode.kind === 'read' ? (
        <p className="muted small">{t('settings.regions.none')}</p>
      ) : (
        <table className="data-table data-table--compact region-overrides__table" aria-labelledby={titleId}>
          <thead>
            <tr>
              <th scope="col">{t('settings.regions.region')}</th>
              <th scope="col" className="numeric">
                {t('settings.regions.amount')}
              </th>
              {mode.kind === 'edit' && <th scope="col" />}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => {
              const rowNumber = index + 1;
              const nameMessages = messagesOf(mode, `regions.${row.id}.region`);
              const amountMessages = [...messagesOf(mode, `regions.${row.id}.amount`), ...(row.region.trim() === '' ? [] : messagesOf(mode, regionIssueField(row.region)))];
              return (
                <tr key={row.id} data-region={row.region}>
                  {mode.kind === 'edit' ? (
                    <>
                      <td>
                        <input
                          className="input"
                          name="region"
                          aria-label={t('settings.regions.regionLabel', { row: rowNumber })}
                          value={row.region}
                          maxLength={100}
                          aria-invalid={nameMessages.length > 0 ? true : undefined}
                          onChange={(event) => {
                            const value = event.target.value;
                            update(mode, (draft) => ({ ...draft, regions: draft.regions.map((item) => (item.id === row.id ? { ...item, region: value } : item)) }));
                          }}
                        />
                        <Messages messages={nameMessages} />
                      </td>
                      <td className="numeric">
                        <input
                          className="input input--number"
                          name="amount"
                          inputMode="decimal"
                          aria-label={t('settings.regions.amountLabel', { row: rowNumber })}
                          value={row.amount}
                          aria-invalid={amountMessages.length > 0 ? true : undefined}
                          onChange={(event) => {
                            const value = event.target.value;
                            update(mode, (draft) => ({ ...draft, regions: draft.regions.map((item) => (item.id === row.id ? { ...item, amount: value } : item)) }));
                          }}
                        />
                        <Messages messages={amountMessages} />
                      </td>
                      <td>
                        <button
                          type="button"
                          className="button button--icon"
                          aria-label={t('settings.regions.removeLabel', { row: rowNumber })}
                          title={t('settings.regions.remove')}
                          onClick={() => update(mode, (draft) => ({ ...draft, regions: draft.regions.filter((item) => item.id !== row.id) }))}
                        >
                          ×
                        </button>
                      </td>
                    </>
                  ) : (
                    <>
                      <th scope="row">{row.region}</th>
                      <td className="numeric">{readableNumber(row.amount, language)}</td>
                    </>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {mode.kind === 'edit' && (
        <button type="button" className="button button--secondary button--small" onClick={() => update(mode, (draft) => ({ ...draft, regions: [...draft.regions, newRegionRow()] }))}>
          {t('settings.regions.add')}
        </button>
      )}
      <Messages messages={general} />
    </div>
  );
}

function EvidenceTable({ mode }: { mode: SettingsMode }) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll">
      <table className="data-table data-table--compact" data-testid="evidence-clears">
        <thead>
          <tr>
            <th scope="col">{t('settings.columns.evidence')}</th>
            <th scope="col">{t('settings.columns.clears')}</th>
          </tr>
        </thead>
        <tbody>
          {EVIDENCE_KINDS.map((kind) => {
            const clears = mode.draft.evidenceClears[kind];
            const messages = messagesOf(mode, `settings.evidenceClears.${kind}`);
            return (
              <tr key={kind} data-evidence={kind}>
                <th scope="row">{t(`compliance.evidenceKinds.${kind}`)}</th>
                <td>
                  {mode.kind === 'edit' ? (
                    <fieldset className="condition__choices" aria-label={t(`compliance.evidenceKinds.${kind}`)}>
                      {RULE_CODES.map((code) => (
                        <label key={code} className="chip" title={code}>
                          <input
                            type="checkbox"
                            checked={clears.includes(code)}
                            onChange={(event) =>
                              update(mode, (draft) => ({
                                ...draft,
                                evidenceClears: { ...draft.evidenceClears, [kind]: toggled(draft.evidenceClears[kind], code, event.target.checked, RULE_CODES) },
                              }))
                            }
                          />
                          {t(`compliance.rules.${code}`)}
                        </label>
                      ))}
                    </fieldset>
                  ) : clears.length === 0 ? (
                    t('settings.none')
                  ) : (
                    <ul className="plain-list">
                      {clears.map((code) => (
                        <li key={code}>{t(`compliance.rules.${code}`)}</li>
                      ))}
                    </ul>
                  )}
                  <Messages messages={messages} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function MismatchSeverity({ mode }: { mode: SettingsMode }) {
  const { t } = useTranslation();
  const id = useId();
  const severity = mode.draft.mismatchMinSeverity;
  return (
    <div className="setting" data-setting="alerts.mismatchMinSeverity">
      <label className="setting__label" htmlFor={mode.kind === 'edit' ? id : undefined}>
        {t('settings.mismatchMinSeverity')}
      </label>
      {mode.kind === 'edit' ? (
        <select
          id={id}
          className="select select--compact-light"
          value={severity}
          onChange={(event) => {
            const value = SEVERITIES.find((option): option is Severity => option === event.target.value);
            if (value) update(mode, (draft) => ({ ...draft, mismatchMinSeverity: value }));
          }}
        >
          {SEVERITIES.map((option) => (
            <option key={option} value={option}>
              {t(`compliance.severities.${option}`)}
            </option>
          ))}
        </select>
      ) : (
        <span className="setting__value">{t(`compliance.severities.${severity}`)}</span>
      )}
      <Messages messages={messagesOf(mode, 'settings.alerts.mismatchMinSeverity')} />
    </div>
  );
}
