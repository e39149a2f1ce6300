import { useId } from 'react';

export interface DateInputProps {
  label: string;
  /** YYYY-MM-DD. */
  value: string;
  onChange: (value: string) => void;
  min?: string;
  max?: string;
  /** A problem with the value, shown under the field and announced. */
  error?: string;
}

/** A calendar date control whose value is the ISO date the API takes. */
export function DateInput({ label, value, onChange, min, max, error }: DateInputProps) {
  const id = useId();
  const errorId = useId();
  return (
    <div className="filter">
      <label className="filter__label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        className="input input--date"
        type="date"
        value={value}
        min={min}
        max={max}
        required
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onChange={(event) => {
          if (event.target.value !== '') onChange(event.target.value);
        }}
      />
      {error && (
        <span id={errorId} className="field__error field__help" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
