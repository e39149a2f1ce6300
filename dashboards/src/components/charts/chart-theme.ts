/**
 * Chart colours, in series order. SVG fill attributes cannot read CSS custom properties, so these mirror
 * the --chart-* variables in styles.css. Adjacent colours differ in lightness, not only hue, for
 * colour-blind readers and grey-scale print.
 */
export const CHART_COLORS = ['#1d4e89', '#3f8fa8', '#a5c4d4', '#c08a3e', '#6b7f99'] as const;

export const CHART_AXIS_COLOR = '#5b6b7f';
export const CHART_GRID_COLOR = '#e3e8ef';

export function chartColor(index: number): string {
  return CHART_COLORS[index % CHART_COLORS.length] ?? CHART_COLORS[0];
}
