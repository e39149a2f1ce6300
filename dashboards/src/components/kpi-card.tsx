export interface KpiCardProps {
  label: string;
  value: string;
  /** Hook for tests and analytics; the visible label is translated. */
  testId?: string;
}

export function KpiCard({ label, value, testId }: KpiCardProps) {
  return (
    <div className="card kpi">
      <dt className="kpi__label">{label}</dt>
      <dd className="kpi__value" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}
