import { useId } from 'react';
import { heatCellStyle, heatLegend, HEAT_COLORS, maxRate } from '../../compliance/heatmap-scale';

export interface RateHeatRow {
  key: string;
  label: string;
  /** Shown after the row label (e.g. the branch's sales). */
  note?: string;
  /** One cell per column key; a missing column reads as no data. */
  cells: Readonly<Record<string, { rate: number | null; count: number }>>;
}

export interface RateHeatGridProps {
  /** Names the table for screen readers (the card's title is the visible one). */
  caption: string;
  rowAxisLabel: string;
  columnAxisLabel: string;
  columns: readonly { key: string; label: string; title?: string }[];
  rows: readonly RateHeatRow[];
  /** The text of a cell: its rate and count, so the numbers are there without the colour. */
  formatCell: (rate: number | null, count: number) => string;
  formatRate: (rate: number) => string;
  legendLabel: string;
  testId?: string;
}

/**
 * A heatmap as a table (recharts has none): rows × columns of rates, each cell shaded on a five-step scale
 * relative to the largest rate, and its number written in it so the table reads without colour.
 */
export function RateHeatGrid({ caption, rowAxisLabel, columnAxisLabel, columns, rows, formatCell, formatRate, legendLabel, testId }: RateHeatGridProps) {
  const captionId = useId();
  const max = maxRate(rows.flatMap((row) => Object.values(row.cells).map((cell) => cell.rate)));
  const legend = heatLegend(max);
  return (
    <div className="rate-heat">
      <div className="table-scroll">
        <table className="heat-table rate-heat__table" aria-labelledby={captionId} data-testid={testId}>
          <caption id={captionId} className="visually-hidden">
            {caption}
          </caption>
          <thead>
            <tr>
              <th scope="col" className="heat-table__corner">
                <span className="heat-table__row-axis">{rowAxisLabel}</span>
                <span className="heat-table__column-axis">{columnAxisLabel}</span>
              </th>
              {columns.map((column) => (
                <th key={column.key} scope="col" className="numeric rate-heat__column" title={column.title}>
                  {column.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key} data-row={row.key}>
                <th scope="row">
                  {row.label}
                  {row.note && <span className="rate-heat__note">{row.note}</span>}
                </th>
                {columns.map((column) => {
                  const cell = row.cells[column.key];
                  const style = heatCellStyle(cell?.rate ?? null, max);
                  return (
                    <td
                      key={column.key}
                      data-column={column.key}
                      className={style?.dark ? 'numeric heat-table__cell heat-table__cell--dark' : 'numeric heat-table__cell'}
                      style={style ? { backgroundColor: style.backgroundColor } : undefined}
                    >
                      {formatCell(cell?.rate ?? null, cell?.count ?? 0)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {legend.length > 0 && (
        <div className="rate-heat__legend" aria-label={legendLabel} role="group">
          <span className="muted">{legendLabel}</span>
          {legend.map((range) => (
            <span key={range.step} className="rate-heat__legend-item">
              <span className="rate-heat__swatch" style={{ backgroundColor: HEAT_COLORS[range.step] }} aria-hidden="true" />
              {formatRate(range.from)}–{formatRate(range.to)}
            </span>
          ))}
        </div>
      )}
    </div>
  );
}
