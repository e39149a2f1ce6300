import { describe, expect, it } from 'vitest';
import { heatIntensity, heatTableModel } from './heat-table.model';

const rows = [
  { key: 'new', label: 'New' },
  { key: 'hnw', label: 'HNW' },
  { key: 'basic', label: 'Basic' },
];
const columns = [
  { key: 'hnw', label: 'HNW' },
  { key: 'basic', label: 'Basic' },
];

describe('heatTableModel', () => {
  it('lays the cells out in row and column order with row, column and grand totals', () => {
    const model = heatTableModel(rows, columns, [
      { row: 'hnw', column: 'hnw', value: 40 },
      { row: 'basic', column: 'hnw', value: 2 },
      { row: 'new', column: 'basic', value: 7 },
      { row: 'basic', column: 'basic', value: 100 },
    ]);
    expect(model.values).toEqual([
      [0, 7],
      [40, 0],
      [2, 100],
    ]);
    expect(model.rowTotals).toEqual([7, 40, 102]);
    expect(model.columnTotals).toEqual([42, 107]);
    expect(model.total).toBe(149);
    expect(model.max).toBe(100);
  });

  it('adds repeated pairs and ignores keys outside the axes', () => {
    const model = heatTableModel(rows, columns, [
      { row: 'hnw', column: 'hnw', value: 1 },
      { row: 'hnw', column: 'hnw', value: 2 },
      { row: 'middle', column: 'hnw', value: 50 },
      { row: 'hnw', column: 'middle', value: 50 },
    ]);
    expect(model.values[1]).toEqual([3, 0]);
    expect(model.total).toBe(3);
  });

  it('is all zeros without cells', () => {
    const model = heatTableModel(rows, columns, []);
    expect(model.total).toBe(0);
    expect(model.max).toBe(0);
    expect(model.columnTotals).toEqual([0, 0]);
  });
});

describe('heatIntensity', () => {
  it('is 0 for empty cells and for an empty table, 1 for the largest', () => {
    expect(heatIntensity(0, 100)).toBe(0);
    expect(heatIntensity(5, 0)).toBe(0);
    expect(heatIntensity(100, 100)).toBe(1);
  });

  it('grows with the square root of the share of the largest cell', () => {
    expect(heatIntensity(25, 100)).toBe(0.5);
    expect(heatIntensity(1, 100)).toBeCloseTo(0.1);
  });
});
