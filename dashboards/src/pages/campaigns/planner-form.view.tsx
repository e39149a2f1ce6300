import type { CampaignDto } from '@banca/contracts';
import { BUDGET_LINES, GOAL_METRICS, KNOWN_CHANNELS, OFFER_KINDS, TIERS, type BudgetLine, type GoalMetric, type OfferKind, type Tier } from '@banca/domain';
import { useId, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { fieldIssuesOf, type FieldIssue } from '../../api/api-error';
import { useCreateCampaignMutation, useUpdateCampaignMutation } from '../../campaigns/campaigns.queries';
import {
  emptyPlanForm,
  filterIssues,
  goalIsRate,
  patchFromRequest,
  placeProblems,
  planFormFromCampaign,
  planFormToRequest,
  type PlanForm,
  type PlanFormField,
} from '../../campaigns/plan-form';
import { ErrorMessage } from '../../components/error-message';
import { SectionCard } from '../../components/section-card';
import { collectBuilderIssues } from '../../segments/builder-issues';
import { draftToRule, emptyGroup, ruleToDraft, type GroupDraft } from '../../segments/rule-draft';
import { useSegmentsQuery } from '../../segments/segments.queries';
import { RuleGroup } from '../segments/builder/rule-group.view';

export interface PlannerFormProps {
  /** The draft being edited, or null for a new campaign. */
  campaign: CampaignDto | null;
  /** Problems the server reports before a launch, shown next to their fields too. */
  launchProblems: readonly FieldIssue[];
  /** Called with whether the form holds unsaved changes (a launch waits for them to be saved). */
  onDirtyChange: (dirty: boolean) => void;
}

function FieldProblems({ id, problems }: { id: string; problems: readonly string[] | undefined }) {
  if (!problems || problems.length === 0) return null;
  return (
    <span className="field__error field__help" id={id} role="alert" data-testid="field-problem">
      {problems.join(' ')}
    </span>
  );
}

/** A labelled control with its problems under it; `control` gets the ids to wire label and description. */
function Field({ label, problems, hint, className, control }: {
  label: string;
  problems: readonly string[] | undefined;
  hint?: string;
  className?: string;
  control: (ids: { id: string; describedBy: string | undefined; invalid: true | undefined }) => ReactNode;
}) {
  const id = useId();
  const problemId = useId();
  const hasProblems = problems !== undefined && problems.length > 0;
  return (
    <div className={['field', className].filter(Boolean).join(' ')}>
      <label htmlFor={id}>{label}</label>
      {control({ id, describedBy: hasProblems ? problemId : undefined, invalid: hasProblems ? true : undefined })}
      {hint && <span className="field__hint">{hint}</span>}
      <FieldProblems id={problemId} problems={problems} />
    </div>
  );
}

/** The plan of a campaign: everything DATA.md names, saved as a draft (create, or edit while a draft). */
export function PlannerForm({ campaign, launchProblems, onDirtyChange }: PlannerFormProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [form, setForm] = useState<PlanForm>(() => (campaign ? planFormFromCampaign(campaign) : emptyPlanForm()));
  const [filterDraft, setFilterDraft] = useState<GroupDraft | null>(() => (campaign?.target.filter ? ruleToDraft(campaign.target.filter) : null));
  const [localProblems, setLocalProblems] = useState<FieldIssue[]>([]);
  const [saved, setSaved] = useState(false);
  const segments = useSegmentsQuery();
  const create = useCreateCampaignMutation();
  const update = useUpdateCampaignMutation(campaign?.code ?? '');
  const mutation = campaign ? update : create;
  const ids = { choicesTiers: useId(), choicesSegments: useId(), choicesChannels: useId(), filter: useId() };

  const filterResult = useMemo(() => (filterDraft ? draftToRule(filterDraft) : null), [filterDraft]);
  const serverIssues = fieldIssuesOf(mutation.error);
  const placed = useMemo(
    () => placeProblems([...localProblems, ...serverIssues, ...(mutation.isPending ? [] : launchProblems)]),
    [localProblems, serverIssues, launchProblems, mutation.isPending],
  );
  const filterIssueIndex = useMemo(
    () =>
      filterDraft
        ? collectBuilderIssues(filterDraft, filterResult && !filterResult.ok ? filterResult.problems : [], (problem) => t(`segments.builder.problems.${problem.code}`), filterIssues(serverIssues)).byNode
        : new Map(),
    [filterDraft, filterResult, serverIssues, t],
  );
  const problems = (field: PlanFormField) => placed.byField.get(field);
  const mutationErrorPlaced = mutation.error !== null && serverIssues.length > 0;

  const change = (patch: Partial<PlanForm>) => {
    setForm((current) => ({ ...current, ...patch }));
    setSaved(false);
    onDirtyChange(true);
  };
  const toggle = <T extends string>(list: readonly T[], value: T, on: boolean): T[] => (on ? [...list.filter((item) => item !== value), value] : list.filter((item) => item !== value));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (filterResult && !filterResult.ok) return;
    const mapped = planFormToRequest(form, filterResult?.ok ? filterResult.rule : null);
    if (!mapped.ok) {
      setLocalProblems(mapped.problems.map((problem) => ({ field: problem.field, message: t(`campaigns.planner.problems.${problem.code}`) })));
      return;
    }
    setLocalProblems([]);
    if (campaign) {
      update.mutate(patchFromRequest(mapped.request), {
        onSuccess: () => {
          setSaved(true);
          onDirtyChange(false);
        },
      });
    } else {
      create.mutate(mapped.request, {
        onSuccess: (created) => {
          onDirtyChange(false);
          void navigate(`/campaigns/${encodeURIComponent(created.code)}/plan`, { replace: true });
        },
      });
    }
  };

  /** A text box for a form key, with the problems of its API field (offer.rate ← offerRatePercent). */
  const box = (
    key: keyof PlanForm,
    field: PlanFormField | null,
    label: string,
    options: { hint?: string | undefined; type?: 'text' | 'date'; numeric?: boolean; maxLength?: number; disabled?: boolean } = {},
  ) => (
    <Field
      label={label}
      problems={field === null ? undefined : problems(field)}
      hint={options.hint}
      control={({ id, describedBy, invalid }) => (
        <input
          id={id}
          name={field ?? key}
          className="input"
          type={options.type ?? 'text'}
          inputMode={options.numeric ? 'decimal' : undefined}
          value={String(form[key])}
          maxLength={options.maxLength}
          disabled={options.disabled}
          aria-invalid={invalid}
          aria-describedby={describedBy}
          onChange={(event) => change({ [key]: event.target.value })}
        />
      )}
    />
  );
  const text = (field: PlanFormField & keyof PlanForm, label: string, options: { hint?: string; type?: 'text' | 'date'; maxLength?: number; disabled?: boolean } = {}) =>
    box(field, field, label, options);
  const numberBox = (key: keyof PlanForm, field: PlanFormField, label: string, hint?: string) => box(key, field, label, { hint, numeric: true });

  return (
    <form className="planner" onSubmit={submit} noValidate data-testid="planner-form">
      <SectionCard titleId="planner-basics-title" testId="planner-basics" title={t('campaigns.planner.basics.title')} description={t('campaigns.planner.basics.description')}>
        <div className="planner__grid">
          {text('code', t('campaigns.planner.fields.code'), { hint: t('campaigns.planner.fields.codeHint'), maxLength: 64, disabled: campaign !== null })}
          {text('name', t('campaigns.planner.fields.name'), { maxLength: 200 })}
          {text('bankPartner', t('campaigns.planner.fields.bankPartner'), { maxLength: 200 })}
          {text('insurerPartner', t('campaigns.planner.fields.insurerPartner'), { maxLength: 200 })}
          {text('startDate', t('campaigns.planner.fields.startDate'), { type: 'date' })}
          {text('endDate', t('campaigns.planner.fields.endDate'), { type: 'date' })}
          {numberBox('attributionDays', 'attributionDays', t('campaigns.planner.fields.attributionDays'), t('campaigns.planner.fields.attributionDaysHint'))}
        </div>
        <Field
          label={t('campaigns.planner.fields.description')}
          problems={problems('description')}
          control={({ id, describedBy, invalid }) => (
            <textarea
              id={id}
              name="description"
              className="input input--wide"
              rows={3}
              maxLength={4000}
              value={form.description}
              aria-invalid={invalid}
              aria-describedby={describedBy}
              onChange={(event) => change({ description: event.target.value })}
            />
          )}
        />
      </SectionCard>

      <SectionCard titleId="planner-target-title" testId="planner-target" title={t('campaigns.planner.target.title')} description={t('campaigns.planner.target.description')}>
        <fieldset className="planner__choices" aria-describedby={ids.choicesTiers}>
          <legend>{t('campaigns.planner.target.tiers')}</legend>
          {TIERS.map((tier: Tier) => (
            <label key={tier} className="planner__choice">
              <input type="checkbox" name="tiers" value={tier} checked={form.tiers.includes(tier)} onChange={(event) => change({ tiers: toggle(form.tiers, tier, event.target.checked) })} />
              {t(`tiers.${tier}`)}
            </label>
          ))}
        </fieldset>
        <FieldProblems id={ids.choicesTiers} problems={[...(problems('target.tiers') ?? []), ...(problems('target') ?? [])]} />
        <fieldset className="planner__choices" aria-describedby={ids.choicesSegments} data-testid="planner-segments">
          <legend>{t('campaigns.planner.target.segments')}</legend>
          {segments.data?.segments.length === 0 && <span className="muted">{t('campaigns.planner.target.noSegments')}</span>}
          {segments.error && <span className="muted">{t('campaigns.planner.target.segmentsFailed')}</span>}
          {segments.data?.segments.map((segment) => (
            <label key={segment.id} className="planner__choice">
              <input
                type="checkbox"
                name="segmentIds"
                value={segment.id}
                checked={form.segmentIds.includes(segment.id)}
                onChange={(event) => change({ segmentIds: toggle(form.segmentIds, segment.id, event.target.checked) })}
              />
              {segment.name}
            </label>
          ))}
          {form.segmentIds
            .filter((id) => segments.data && !segments.data.segments.some((segment) => segment.id === id))
            .map((id) => (
              <label key={id} className="planner__choice">
                <input type="checkbox" checked onChange={() => change({ segmentIds: form.segmentIds.filter((item) => item !== id) })} />
                {t('campaigns.planner.target.unknownSegment', { id: id.slice(0, 8) })}
              </label>
            ))}
        </fieldset>
        <FieldProblems id={ids.choicesSegments} problems={problems('target.segmentIds')} />
        <label className="planner__choice">
          <input
            type="checkbox"
            name="useFilter"
            checked={filterDraft !== null}
            onChange={(event) => {
              setFilterDraft(event.target.checked ? emptyGroup('all') : null);
              setSaved(false);
              onDirtyChange(true);
            }}
          />
          {t('campaigns.planner.target.useFilter')}
        </label>
        {filterDraft && (
          <div id={ids.filter} data-testid="planner-filter">
            <RuleGroup
              group={filterDraft}
              root={filterDraft}
              onChange={(next) => {
                setFilterDraft(next);
                setSaved(false);
                onDirtyChange(true);
              }}
              issues={filterIssueIndex}
              depth={1}
              disabled={false}
            />
          </div>
        )}
        <FieldProblems id={`${ids.filter}-problems`} problems={problems('target.filter')} />
      </SectionCard>

      <SectionCard titleId="planner-offer-title" testId="planner-offer" title={t('campaigns.planner.offer.title')} description={t('campaigns.planner.offer.description')}>
        <div className="planner__grid">
          {text('productCodes', t('campaigns.planner.fields.productCodes'), { hint: t('campaigns.planner.fields.productCodesHint') })}
          <Field
            label={t('campaigns.planner.fields.offerKind')}
            problems={problems('offer.kind')}
            control={({ id, describedBy, invalid }) => (
              <select
                id={id}
                name="offer.kind"
                className="select"
                value={form.offerKind}
                aria-invalid={invalid}
                aria-describedby={describedBy}
                onChange={(event) => {
                  const kind = OFFER_KINDS.find((option) => option === event.target.value);
                  if (kind) change({ offerKind: kind satisfies OfferKind });
                }}
              >
                {OFFER_KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {t(`campaigns.offerKinds.${kind}`)}
                  </option>
                ))}
              </select>
            )}
          />
          {box('offerDescription', 'offer.description', t('campaigns.planner.fields.offerDescription'), { maxLength: 500 })}
          {numberBox('offerRatePercent', 'offer.rate', t('campaigns.planner.fields.offerRate'), t('campaigns.planner.fields.percentHint'))}
          {numberBox('offerCost', 'offer.costPerRedemption', t('campaigns.planner.fields.offerCost'), t('campaigns.planner.fields.amountHint'))}
        </div>
        <fieldset className="planner__choices" aria-describedby={ids.choicesChannels}>
          <legend>{t('campaigns.planner.fields.channels')}</legend>
          {KNOWN_CHANNELS.map((channel) => (
            <label key={channel} className="planner__choice">
              <input type="checkbox" name="channels" value={channel} checked={form.channels.includes(channel)} onChange={(event) => change({ channels: toggle(form.channels, channel, event.target.checked) })} />
              {t(`campaigns.channels.${channel}`)}
            </label>
          ))}
        </fieldset>
        <div className="planner__grid">{box('otherChannels', null, t('campaigns.planner.fields.otherChannels'), { hint: t('campaigns.planner.fields.otherChannelsHint') })}</div>
        <FieldProblems id={ids.choicesChannels} problems={problems('channels')} />
      </SectionCard>

      <SectionCard titleId="planner-budget-title" testId="planner-budget" title={t('campaigns.planner.budget.title')} description={t('campaigns.planner.budget.description')}>
        <div className="planner__grid">
          {numberBox('budget', 'budget', t('campaigns.planner.fields.budget'), t('campaigns.planner.fields.amountHint'))}
          {BUDGET_LINES.map((line: BudgetLine) => (
            <Field
              key={line}
              label={t('campaigns.planner.fields.budgetLine', { line: t(`campaigns.budgetLines.${line}`) })}
              problems={problems(`budgetLines.${line}`)}
              control={({ id, describedBy, invalid }) => (
                <input
                  id={id}
                  name={`budgetLines.${line}`}
                  className="input"
                  inputMode="decimal"
                  value={form.budgetLines[line]}
                  aria-invalid={invalid}
                  aria-describedby={describedBy}
                  onChange={(event) => change({ budgetLines: { ...form.budgetLines, [line]: event.target.value } })}
                />
              )}
            />
          ))}
        </div>
        <FieldProblems id="planner-budget-lines" problems={problems('budgetLines')} />
        <div className="planner__grid">
          <Field
            label={t('campaigns.planner.fields.goalMetric')}
            problems={[...(problems('goal.metric') ?? []), ...(problems('goal') ?? [])]}
            control={({ id, describedBy, invalid }) => (
              <select
                id={id}
                name="goal.metric"
                className="select"
                value={form.goalMetric}
                aria-invalid={invalid}
                aria-describedby={describedBy}
                onChange={(event) => {
                  const metric = GOAL_METRICS.find((option) => option === event.target.value);
                  change({ goalMetric: metric ?? ('' satisfies GoalMetric | '') });
                }}
              >
                <option value="">{t('campaigns.planner.fields.noGoal')}</option>
                {GOAL_METRICS.map((metric) => (
                  <option key={metric} value={metric}>
                    {t(`campaigns.goalMetrics.${metric}`)}
                  </option>
                ))}
              </select>
            )}
          />
          {form.goalMetric !== '' &&
            numberBox('goalTarget', 'goal.target', t('campaigns.planner.fields.goalTarget'), goalIsRate(form.goalMetric) ? t('campaigns.planner.fields.percentHint') : undefined)}
        </div>
      </SectionCard>

      <SectionCard titleId="planner-measure-title" testId="planner-measure" title={t('campaigns.planner.measure.title')} description={t('campaigns.planner.measure.description')}>
        <div className="planner__grid">
          {numberBox('holdoutPercent', 'holdoutShare', t('campaigns.planner.fields.holdout'), t('campaigns.planner.fields.holdoutHint'))}
          {numberBox('maxContacts', 'contactPolicy.maxContacts', t('campaigns.planner.fields.maxContacts'))}
          {numberBox('periodDays', 'contactPolicy.periodDays', t('campaigns.planner.fields.periodDays'))}
        </div>
        <FieldProblems id="planner-contact-policy" problems={problems('contactPolicy')} />
      </SectionCard>

      {placed.general.length > 0 && (
        <ul className="planner__general" role="alert" data-testid="planner-general-problems">
          {placed.general.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
      <div className="editor-actions">
        <button type="submit" className="button button--primary" disabled={mutation.isPending} data-testid="save-campaign">
          {mutation.isPending ? t('campaigns.planner.saving') : campaign ? t('campaigns.planner.update') : t('campaigns.planner.create')}
        </button>
        {saved && (
          <span className="field__ok" role="status">
            {t('campaigns.planner.saved')}
          </span>
        )}
      </div>
      {mutation.error && !mutationErrorPlaced && <ErrorMessage error={mutation.error} title={t('campaigns.planner.saveFailed')} />}
    </form>
  );
}
