import type { ReactNode } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartCard } from './chart-card';
import { CHART_AXIS_COLOR, CHART_GRID_COLOR, chartColor } from './chart-theme';

export interface LineSeries {
  key: string;
  /** Translated name, shown in the legend and tooltip. */
  label: string;
  /** A colour of its own (e.g. by severity); by default the palette in series order. */
  color?: string;
  /** Drawn dashed, e.g. a total next to its parts. */
  dashed?: boolean;
}

export interface LinePoint {
  /** Stable key of the point on the x axis (a month, YYYY-MM-DD). */
  key: string;
  label: string;
  /** null: no figure (a month without sales), drawn as a gap rather than as zero. */
  values: Readonly<Record<string, number | null>>;
}

export interface LineChartCardProps {
  title: string;
  description?: string;
  data: readonly LinePoint[];
  series: readonly LineSeries[];
  formatValue: (value: number) => string;
  formatAxis?: (value: number) => string;
  height?: number;
  actions?: ReactNode;
  footer?: ReactNode;
  testId?: string;
}

/** A titled card with one line per series over time (rates per month); gaps where a month has no figure. */
export function LineChartCard({ title, description, data, series, formatValue, formatAxis = formatValue, height = 300, actions, footer, testId }: LineChartCardProps) {
  const rows = data.map((point) => ({ key: point.key, label: point.label, ...point.values }));
  return (
    <ChartCard title={title} description={description} height={height} actions={actions} headerWithActions={Boolean(actions)} footer={footer} testId={testId}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={rows} title={title} desc={description} margin={{ top: 8, right: 16, bottom: 4, left: 8 }}>
          <CartesianGrid vertical={false} stroke={CHART_GRID_COLOR} />
          <XAxis dataKey="label" tickLine={false} axisLine={{ stroke: CHART_GRID_COLOR }} tick={{ fill: CHART_AXIS_COLOR, fontSize: 12 }} />
          <YAxis width="auto" tickLine={false} axisLine={false} tick={{ fill: CHART_AXIS_COLOR, fontSize: 12 }} tickFormatter={(value: number) => formatAxis(value)} />
          <Tooltip formatter={(value, name) => [typeof value === 'number' ? formatValue(value) : String(value), name]} />
          <Legend iconType="plainline" wrapperStyle={{ fontSize: 13 }} itemSorter={null} />
          {series.map((item, index) => (
            <Line
              key={item.key}
              type="monotone"
              dataKey={item.key}
              name={item.label}
              stroke={item.color ?? chartColor(index)}
              strokeWidth={2}
              strokeDasharray={item.dashed ? '6 4' : undefined}
              dot={{ r: 3 }}
              connectNulls={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
