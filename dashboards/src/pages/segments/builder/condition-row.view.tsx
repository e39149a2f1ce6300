import { PRODUCT_CATEGORIES, TIERS, type ProductCategory, type Tier } from '@banca/domain';
import type { TFunction } from 'i18next';
import { useId, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DraftControl } from '../../../segments/rule-draft';
import {
  CONDITION_FIELDS,
  fieldKind,
  fixedChoices,
  OPERATORS,
  valueShape,
  withField,
  withOperator,
  type ConditionDraft,
  type ConditionField,
  type ConditionOperator,
} from '../../../segments/rule-draft';

export interface ConditionRowProps {
  condition: ConditionDraft;
  onChange: (next: ConditionDraft) => void;
  onRemove: () => void;
  issues: ReadonlyMap<DraftControl, readonly string[]> | undefined;
  disabled: boolean;
}

function isConditionField(value: string): value is ConditionField {
  return (CONDITION_FIELDS as readonly string[]).includes(value);
}

function isTier(value: string): value is Tier {
  return (TIERS as readonly string[]).includes(value);
}

function isProductCategory(value: string): value is ProductCategory {
  return (PRODUCT_CATEGORIES as readonly string[]).includes(value);
}

/** The reader's name of a fixed choice: a tier, a product category, yes/no; codes (C1–C5) as they are. */
export function choiceLabel(t: TFunction, field: ConditionField, choice: string): string {
  if (field === 'tier' && isTier(choice)) return t(`tiers.${choice}`);
  if (field === 'holding' && isProductCategory(choice)) return t(`productCategories.${choice}`);
  if (fieldKind(field) === 'boolean') return choice === 'true' ? t('segments.builder.yes') : t('segments.builder.no');
  return choice;
}

/** One condition: field, operator and a value control that fits them, with its problems beside it. */
export function ConditionRow({ condition, onChange, onRemove, issues, disabled }: ConditionRowProps) {
  const { t } = useTranslation();
  const baseId = useId();
  const kind = fieldKind(condition.field);
  const shape = valueShape(condition.field, condition.op);
  const choices = fixedChoices(condition.field) ?? [];
  const problems = (control: DraftControl) => issues?.get(control) ?? [];
  const invalid = (control: DraftControl) => (problems(control).length > 0 ? true : undefined);
  const allProblems = [...(issues?.values() ?? [])].flat();
  const issuesId = `${baseId}-issues`;
  const describedBy = allProblems.length > 0 ? issuesId : undefined;
  /** What every control of the row shares: its name, its problems and whether it can be edited. */
  const controlProps = (control: DraftControl) => ({ name: control, 'aria-invalid': invalid(control), 'aria-describedby': describedBy, disabled });
  const setValue = (event: ChangeEvent<HTMLInputElement | HTMLSelectElement>) => onChange({ ...condition, value: event.target.value });
  const boundInput = (bound: 'min' | 'max') => (
    <input
      {...controlProps(bound)}
      className="input input--value"
      inputMode="decimal"
      aria-label={t(`segments.builder.${bound}`)}
      placeholder={t(`segments.builder.${bound}`)}
      value={condition[bound]}
      onChange={(event) => onChange({ ...condition, [bound]: event.target.value })}
    />
  );

  return (
    <div className={allProblems.length > 0 ? 'condition condition--invalid' : 'condition'} data-testid="condition" data-node-id={condition.id}>
      <div className="condition__controls">
        <select
          {...controlProps('field')}
          className="select select--narrow"
          aria-label={t('segments.builder.field')}
          value={condition.field}
          onChange={(event) => {
            if (isConditionField(event.target.value)) onChange(withField(condition, event.target.value));
          }}
        >
          {CONDITION_FIELDS.map((field) => (
            <option key={field} value={field}>
              {t(`segments.fields.${field}`)}
            </option>
          ))}
        </select>
        <select
          {...controlProps('op')}
          className="select select--narrow"
          aria-label={t('segments.builder.operator')}
          value={condition.op}
          onChange={(event) => {
            const op = OPERATORS[kind].find((candidate) => candidate === event.target.value);
            if (op) onChange(withOperator(condition, op));
          }}
        >
          {OPERATORS[kind].map((op: ConditionOperator) => (
            <option key={op} value={op}>
              {t(`segments.operators.${op}`)}
            </option>
          ))}
        </select>
        {shape === 'number' && (
          <input
            {...controlProps('value')}
            className="input input--value"
            inputMode="decimal"
            aria-label={t('segments.builder.value')}
            placeholder={condition.field === 'age' ? t('segments.builder.agePlaceholder') : t('segments.builder.amountPlaceholder')}
            value={condition.value}
            onChange={setValue}
          />
        )}
        {shape === 'range' && (
          <span className="condition__range">
            {boundInput('min')}
            <span aria-hidden="true">–</span>
            {boundInput('max')}
          </span>
        )}
        {shape === 'text' && (
          <input {...controlProps('value')} className="input input--value" aria-label={t('segments.builder.value')} value={condition.value} onChange={setValue} />
        )}
        {shape === 'list' && (
          <input
            {...controlProps('values')}
            className="input input--wide"
            aria-label={t('segments.builder.values')}
            placeholder={t('segments.builder.valuesPlaceholder')}
            value={condition.values.join(',')}
            onChange={(event) => onChange({ ...condition, values: event.target.value.split(/[,，]/) })}
          />
        )}
        {shape === 'choice' && (
          <select {...controlProps('value')} className="select select--narrow" aria-label={t('segments.builder.value')} value={condition.value} onChange={setValue}>
            {!choices.includes(condition.value) && <option value={condition.value}>{condition.value}</option>}
            {choices.map((choice) => (
              <option key={choice} value={choice}>
                {choiceLabel(t, condition.field, choice)}
              </option>
            ))}
          </select>
        )}
        {shape === 'choices' && (
          <fieldset className="condition__choices" aria-invalid={invalid('values')} aria-describedby={describedBy}>
            <legend className="visually-hidden">{t('segments.builder.values')}</legend>
            {choices.map((choice) => (
              <label key={choice} className="chip">
                <input
                  type="checkbox"
                  name="values"
                  value={choice}
                  checked={condition.values.includes(choice)}
                  disabled={disabled}
                  onChange={(event) =>
                    onChange({
                      ...condition,
                      values: event.target.checked ? [...condition.values, choice] : condition.values.filter((value) => value !== choice),
                    })
                  }
                />
                {choiceLabel(t, condition.field, choice)}
              </label>
            ))}
          </fieldset>
        )}
        {!disabled && (
          <button type="button" className="button button--icon" onClick={onRemove} aria-label={t('segments.builder.removeCondition')} title={t('segments.builder.removeCondition')}>
            ×
          </button>
        )}
      </div>
      {allProblems.length > 0 && (
        <ul className="condition__issues" id={issuesId} role="alert" data-testid="condition-issues">
          {allProblems.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
