import type { ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, ErrorBar, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ArmConversion } from '../../campaigns/campaign-figures';
import { ChartCard } from '../../components/charts/chart-card';
import { CHART_AXIS_COLOR, CHART_GRID_COLOR, chartColor } from '../../components/charts/chart-theme';

export interface ConversionChartProps {
  title: string;
  description: string;
  arms: readonly (ArmConversion & { label: string })[];
  formatRate: (value: number) => string;
  seriesLabel: string;
  footer?: ReactNode;
}

/** Conversion of treatment and holdout as bars with their 95 % Wilson intervals as error bars. */
export function ConversionChart({ title, description, arms, formatRate, seriesLabel, footer }: ConversionChartProps) {
  const rows = arms.map((arm) => ({ key: arm.arm, label: arm.label, rate: arm.rate, error: arm.error ?? [0, 0] }));
  return (
    <ChartCard title={title} description={description} height={260} headerWithActions={false} footer={footer} testId="conversion-chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} title={title} desc={description} margin={{ top: 28, right: 8, bottom: 4, left: 8 }}>
          <CartesianGrid vertical={false} stroke={CHART_GRID_COLOR} />
          <XAxis dataKey="label" tickLine={false} axisLine={{ stroke: CHART_GRID_COLOR }} tick={{ fill: CHART_AXIS_COLOR, fontSize: 13 }} />
          <YAxis width="auto" tickLine={false} axisLine={false} tick={{ fill: CHART_AXIS_COLOR, fontSize: 12 }} tickFormatter={(value: number) => formatRate(value)} />
          <Tooltip formatter={(value) => [typeof value === 'number' ? formatRate(value) : String(value), seriesLabel]} />
          <Bar dataKey="rate" name={seriesLabel} fill={chartColor(0)} maxBarSize={96} isAnimationActive={false}>
            <ErrorBar dataKey="error" width={10} stroke={CHART_AXIS_COLOR} strokeWidth={1.5} direction="y" />
            <LabelList dataKey="rate" position="insideTop" fill="#ffffff" fontSize={13} formatter={(label) => (typeof label === 'number' ? formatRate(label) : '')} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </ChartCard>
  );
}
