export interface MatrixAxisItem {
  key: string;
  label: string;
}

export interface MatrixCell {
  row: string;
  column: string;
  value: number;
}

export interface HeatTableModel {
  /** values[r][c] in row and column order; a pair without a cell is 0. */
  values: number[][];
  rowTotals: number[];
  columnTotals: number[];
  total: number;
  /** The largest cell, which gets the darkest shade. */
  max: number;
}

/** Arranges cells in the given row and column order with their totals; cells of unknown keys are ignored. */
export function heatTableModel(rows: readonly MatrixAxisItem[], columns: readonly MatrixAxisItem[], cells: readonly MatrixCell[]): HeatTableModel {
  const rowIndex = new Map(rows.map((row, index) => [row.key, index]));
  const columnIndex = new Map(columns.map((column, index) => [column.key, index]));
  const values = rows.map(() => columns.map(() => 0));
  for (const cell of cells) {
    const r = rowIndex.get(cell.row);
    const c = columnIndex.get(cell.column);
    const line = r === undefined ? undefined : values[r];
    if (line === undefined || c === undefined) continue;
    line[c] = (line[c] ?? 0) + cell.value;
  }
  const rowTotals = values.map((line) => line.reduce((sum, value) => sum + value, 0));
  const columnTotals = columns.map((_, c) => values.reduce((sum, line) => sum + (line[c] ?? 0), 0));
  const total = rowTotals.reduce((sum, value) => sum + value, 0);
  const max = Math.max(0, ...values.flat());
  return { values, rowTotals, columnTotals, total, max };
}

/**
 * Shade of a cell, 0–1: by square root of its share of the largest cell, so a few large cells (the
 * diagonal of a migration matrix) do not wash out the small ones that matter. Zero stays blank.
 */
export function heatIntensity(value: number, max: number): number {
  if (max <= 0 || value <= 0) return 0;
  return Math.sqrt(Math.min(1, value / max));
}
