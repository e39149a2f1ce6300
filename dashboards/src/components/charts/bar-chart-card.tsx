import type { ReactNode } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  LabelList,
  Rectangle,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  type BarShapeProps,
} from 'recharts';
import { ChartCard } from './chart-card';
import { CHART_AXIS_COLOR, CHART_GRID_COLOR, chartColor } from './chart-theme';

export interface BarDatum {
  /** Stable identifier of the category (a tier, a channel); used for colours and test hooks. */
  key: string;
  /** The category as the reader sees it, already translated. */
  label: string;
  /** null: no figure (a share of an empty group), drawn as no bar rather than as zero. */
  value: number | null;
}

export interface BarChartCardProps {
  title: string;
  description?: string;
  data: readonly BarDatum[];
  /** Name of the measure, shown in the tooltip ("Customers"). */
  seriesLabel: string;
  /** Full value, for tooltips and bar labels. */
  formatValue: (value: number) => string;
  /** Short value for axis ticks; defaults to formatValue. */
  formatAxis?: (value: number) => string;
  /** One colour per bar instead of one for the series, when each bar is its own category. */
  colorByCategory?: boolean;
  height?: number;
  /** Controls in the card's header (a date for the figures). */
  actions?: ReactNode;
  /** Rendered under the chart: a legend, a table of the figures. */
  footer?: ReactNode;
}

/** A titled card with one bar series; the title and description also label the SVG for screen readers. */
export function BarChartCard({
  title,
  description,
  data,
  seriesLabel,
  formatValue,
  formatAxis = formatValue,
  colorByCategory = false,
  height = 300,
  actions,
  footer,
}: BarChartCardProps) {
  const rows = data.map((datum) => ({ ...datum }));

  const shape = (props: BarShapeProps) => (
    <Rectangle {...props} fill={chartColor(colorByCategory ? props.index : 0)} radius={[4, 4, 0, 0]} />
  );

  return (
    <ChartCard title={title} description={description} height={height} actions={actions} headerWithActions={Boolean(actions)} footer={footer} testId="bar-chart-card">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} title={title} desc={description} margin={{ top: 28, right: 8, bottom: 4, left: 8 }}>
          <CartesianGrid vertical={false} stroke={CHART_GRID_COLOR} />
          <XAxis dataKey="label" tickLine={false} axisLine={{ stroke: CHART_GRID_COLOR }} tick={{ fill: CHART_AXIS_COLOR, fontSize: 13 }} />
          <YAxis
            width="auto"
            tickLine={false}
            axisLine={false}
            allowDecimals={false}
            tick={{ fill: CHART_AXIS_COLOR, fontSize: 12 }}
            tickFormatter={(value: number) => formatAxis(value)}
          />
          <Tooltip
            cursor={{ fill: 'rgba(29, 78, 137, 0.06)' }}
            formatter={(value) => [typeof value === 'number' ? formatValue(value) : String(value), seriesLabel]}
          />
          <Bar dataKey="value" name={seriesLabel} shape={shape} maxBarSize={96} isAnimationActive={false}>
            <LabelList
              dataKey="value"
              position="top"
              fill={CHART_AXIS_COLOR}
              fontSize={13}
              formatter={(label) => (typeof label === 'number' ? formatValue(label) : '')}
            />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
