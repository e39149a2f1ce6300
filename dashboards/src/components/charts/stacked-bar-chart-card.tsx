import type { ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartCard } from './chart-card';
import { CHART_AXIS_COLOR, CHART_GRID_COLOR, chartColor } from './chart-theme';

export interface StackedSeries {
  key: string;
  /** Translated name, shown in the legend and tooltip. */
  label: string;
}

export interface StackedDatum {
  /** Stable identifier of the category (a region, a branch code). */
  key: string;
  label: string;
  values: Readonly<Record<string, number>>;
}

export interface StackedBarChartCardProps {
  title: string;
  description?: string;
  data: readonly StackedDatum[];
  series: readonly StackedSeries[];
  formatValue: (value: number) => string;
  formatAxis?: (value: number) => string;
  /** Called with a category's key when its bar is clicked (e.g. to filter the page by it). */
  onSelect?: (key: string) => void;
  height?: number;
  /** Controls in the card's header (a "by region / by branch" switch). */
  actions?: ReactNode;
  footer?: ReactNode;
  testId?: string;
}

/** A titled card with one bar per category, stacked by series (customers per tier, per region). */
export function StackedBarChartCard({
  title,
  description,
  data,
  series,
  formatValue,
  formatAxis = formatValue,
  onSelect,
  height = 320,
  actions,
  footer,
  testId,
}: StackedBarChartCardProps) {
  const rows = data.map((datum) => ({ key: datum.key, label: datum.label, ...datum.values }));

  return (
    <ChartCard title={title} description={description} height={height} actions={actions} headerWithActions footer={footer} testId={testId}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} title={title} desc={description} margin={{ top: 8, right: 8, bottom: 4, left: 8 }}>
          <CartesianGrid vertical={false} stroke={CHART_GRID_COLOR} />
          <XAxis dataKey="label" tickLine={false} axisLine={{ stroke: CHART_GRID_COLOR }} tick={{ fill: CHART_AXIS_COLOR, fontSize: 12 }} interval={0} />
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
            formatter={(value, name) => [typeof value === 'number' ? formatValue(value) : String(value), name]}
          />
          {/* Series order (tier rule order), not alphabetical. */}
          <Legend iconType="square" wrapperStyle={{ fontSize: 13 }} itemSorter={null} />
          {series.map((item, index) => (
            <Bar
              key={item.key}
              dataKey={item.key}
              name={item.label}
              stackId="stack"
              fill={chartColor(index)}
              maxBarSize={72}
              isAnimationActive={false}
              cursor={onSelect ? 'pointer' : undefined}
              onClick={onSelect ? (entry: { payload?: { key?: unknown } }) => {
                const key = entry.payload?.key;
                if (typeof key === 'string') onSelect(key);
              } : undefined}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
