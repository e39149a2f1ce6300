import { describe, expect, it } from 'vitest';
import { HEAT_COLORS, heatCellStyle, heatLegend, heatStep, maxRate } from './heatmap-scale';

describe('heatStep', () => {
  it('leaves a branch without sales blank and tints a zero rate lightest', () => {
    expect(heatStep(null, 0.2)).toBeNull();
    expect(heatStep(0, 0.2)).toBe(0);
    expect(heatStep(0, 0)).toBe(0);
  });

  it('puts the largest rate on the darkest step and a tiny one on the first', () => {
    expect(heatStep(0.2, 0.2)).toBe(5);
    expect(heatStep(0.0001, 0.2)).toBe(1);
  });

  it('counts each step’s upper bound in that step', () => {
    expect(heatStep(0.04, 0.2)).toBe(1);
    expect(heatStep(0.0400001, 0.2)).toBe(2);
    expect(heatStep(0.12, 0.2)).toBe(3);
    expect(heatStep(0.16, 0.2)).toBe(4);
  });

  it('caps a rate above the maximum at the darkest step', () => {
    expect(heatStep(0.5, 0.2)).toBe(5);
  });
});

describe('heatCellStyle', () => {
  it('writes light text on the two darkest steps only', () => {
    expect(heatCellStyle(0.2, 0.2)).toEqual({ backgroundColor: HEAT_COLORS[5], dark: true });
    expect(heatCellStyle(0.15, 0.2)).toEqual({ backgroundColor: HEAT_COLORS[4], dark: true });
    expect(heatCellStyle(0.1, 0.2)).toEqual({ backgroundColor: HEAT_COLORS[3], dark: false });
    expect(heatCellStyle(null, 0.2)).toBeNull();
  });
});

describe('heatLegend and maxRate', () => {
  it('splits the scale into five equal ranges up to the largest rate', () => {
    const legend = heatLegend(0.5);
    expect(legend.map((range) => range.step)).toEqual([1, 2, 3, 4, 5]);
    [0, 0.1, 0.2, 0.3, 0.4].forEach((from, index) => {
      expect(legend[index]?.from).toBeCloseTo(from, 12);
      expect(legend[index]?.to).toBeCloseTo(from + 0.1, 12);
    });
    expect(heatLegend(0)).toEqual([]);
  });

  it('takes the largest known rate, ignoring cells without data', () => {
    expect(maxRate([null, 0.03, 0.12, null, 0])).toBe(0.12);
    expect(maxRate([null])).toBe(0);
  });
});
