export interface ProgressBarProps {
  /** 0–100. */
  percent: number;
  /** Names the bar for screen readers ("Loading partner-a.csv"). */
  label: string;
  /** Shown beside the bar and read as the bar's value text ("42 % · 12,000 rows"). */
  valueText: string;
  testId?: string;
}

export function ProgressBar({ percent, label, valueText, testId }: ProgressBarProps) {
  const clamped = Math.min(100, Math.max(0, percent));
  return (
    <div className="progress" data-testid={testId}>
      <div
        className="progress__track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(clamped)}
        aria-valuetext={valueText}
      >
        <div className="progress__fill" style={{ width: `${clamped}%` }} />
      </div>
      <span className="progress__text">{valueText}</span>
    </div>
  );
}
