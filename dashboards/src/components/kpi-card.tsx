export interface KpiCardProps {
  label: string;
  value: string;
  /** Words or a date rather than a figure: set smaller so it fits the card. */
  textual?: boolean;
  /** Hook for tests and analytics; the visible label is translated. */
  testId?: string;
}

export function KpiCard({ label, value, textual = false, testId }: KpiCardProps) {
  return (
    <div className="card kpi">
      <dt className="kpi__label">{label}</dt>
      <dd className={textual ? 'kpi__value kpi__value--text' : 'kpi__value'} data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}
