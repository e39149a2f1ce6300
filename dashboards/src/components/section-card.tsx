import type { ReactNode } from 'react';

export interface SectionCardProps {
  /** Id of the heading, which labels the section. */
  titleId: string;
  testId: string;
  title: string;
  description: string;
  /** Extra class on the section (e.g. "preview"). */
  className?: string;
  /** Controls beside the heading (date inputs). */
  actions?: ReactNode;
  children: ReactNode;
}

/** A page section as a card: a heading and description, optional controls beside them, then the content. */
export function SectionCard({ titleId, testId, title, description, className, actions, children }: SectionCardProps) {
  return (
    <section className={className ? `card section ${className}` : 'card section'} aria-labelledby={titleId} data-testid={testId}>
      <header className="section__header">
        <div>
          <h2 className="card__title" id={titleId}>
            {title}
          </h2>
          <p className="card__description">{description}</p>
        </div>
        {actions}
      </header>
      {children}
    </section>
  );
}
