import { useId, type ReactNode } from 'react';

export interface ChartCardProps {
  title: string;
  description?: string;
  /** Height of the plot area, in pixels. */
  height: number;
  /** Controls in the card's header. */
  actions?: ReactNode;
  /** Lay the header out for controls even when there are none. */
  headerWithActions: boolean;
  /** Rendered under the chart: a legend, a table of the figures. */
  footer?: ReactNode;
  testId?: string;
  /** The chart, drawn in the plot area. */
  children: ReactNode;
}

/** The titled card around a chart; the title and description also label the section for screen readers. */
export function ChartCard({ title, description, height, actions, headerWithActions, footer, testId, children }: ChartCardProps) {
  const titleId = useId();
  const descriptionId = useId();

  return (
    <section
      className="card chart-card"
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      data-testid={testId}
    >
      <header className={headerWithActions ? 'card__header card__header--with-actions' : 'card__header'}>
        <div>
          <h2 className="card__title" id={titleId}>
            {title}
          </h2>
          {description && (
            <p className="card__description" id={descriptionId}>
              {description}
            </p>
          )}
        </div>
        {actions}
      </header>
      <div className="chart-card__plot" style={{ height }}>
        {children}
      </div>
      {footer}
    </section>
  );
}
