import { useId } from 'react';
import { heatIntensity, heatTableModel, type MatrixAxisItem, type MatrixCell } from './heat-table.model';

export interface HeatTableProps {
  /** Names the table for screen readers (the card's title is the visible one). */
  caption: string;
  /** What the rows and the columns are ("Tier on 1 Jan" / "Tier on 1 Jul"). */
  rowAxisLabel: string;
  columnAxisLabel: string;
  rows: readonly MatrixAxisItem[];
  columns: readonly MatrixAxisItem[];
  cells: readonly MatrixCell[];
  totalLabel: string;
  formatValue: (value: number) => string;
  /** Cells drawn with an outline, e.g. the diagonal of a migration matrix (no change). */
  isOutlined?: (row: string, column: string) => boolean;
  testId?: string;
}

const SHADE = [29, 78, 137] as const;

/** A matrix of counts with row and column totals, each cell shaded by its size: a table, readable as one. */
export function HeatTable({ caption, rowAxisLabel, columnAxisLabel, rows, columns, cells, totalLabel, formatValue, isOutlined, testId }: HeatTableProps) {
  const captionId = useId();
  const model = heatTableModel(rows, columns, cells);
  return (
    <div className="table-scroll">
      <table className="heat-table" aria-labelledby={captionId} data-testid={testId}>
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
              <th key={column.key} scope="col" className="numeric">
                {column.label}
              </th>
            ))}
            <th scope="col" className="numeric heat-table__total">
              {totalLabel}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, r) => (
            <tr key={row.key} data-row={row.key}>
              <th scope="row">{row.label}</th>
              {columns.map((column, c) => {
                const value = model.values[r]?.[c] ?? 0;
                const intensity = heatIntensity(value, model.max);
                const classes = ['numeric', 'heat-table__cell'];
                if (intensity > 0.6) classes.push('heat-table__cell--dark');
                if (isOutlined?.(row.key, column.key)) classes.push('heat-table__cell--outlined');
                return (
                  <td
                    key={column.key}
                    data-column={column.key}
                    className={classes.join(' ')}
                    style={{ backgroundColor: `rgba(${SHADE.join(', ')}, ${(0.06 + intensity * 0.84).toFixed(3)})` }}
                  >
                    {formatValue(value)}
                  </td>
                );
              })}
              <td className="numeric heat-table__total" data-column="total">
                {formatValue(model.rowTotals[r] ?? 0)}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr data-row="total">
            <th scope="row">{totalLabel}</th>
            {columns.map((column, c) => (
              <td key={column.key} className="numeric heat-table__total" data-column={column.key}>
                {formatValue(model.columnTotals[c] ?? 0)}
              </td>
            ))}
            <td className="numeric heat-table__total heat-table__grand-total" data-column="total">
              {formatValue(model.total)}
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
