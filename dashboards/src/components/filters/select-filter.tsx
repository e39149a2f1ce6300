import { useId } from 'react';

export interface SelectFilterProps {
  label: string;
  /** Current value; undefined means "all". */
  value: string | undefined;
  options: readonly string[];
  /** Label of the "no filter" choice. */
  allLabel: string;
  onChange: (value: string | undefined) => void;
  disabled?: boolean;
}

export function SelectFilter({ label, value, options, allLabel, onChange, disabled }: SelectFilterProps) {
  const id = useId();
  // A value from a shared URL stays selectable even when the current answer does not list it.
  const choices = value !== undefined && !options.includes(value) ? [value, ...options] : options;
  return (
    <div className="filter">
      <label className="filter__label" htmlFor={id}>
        {label}
      </label>
      <select
        id={id}
        className="select"
        value={value ?? ''}
        disabled={disabled}
        onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value)}
      >
        <option value="">{allLabel}</option>
        {choices.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    </div>
  );
}
