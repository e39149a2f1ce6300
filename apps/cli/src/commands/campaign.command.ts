import { ConversionService } from '@banca/analytics';
import { conversionQuerySchema, parseInput, type ConversionFigureDto, type ConversionResponse } from '@banca/contracts';
import { CONVERSION_DIMENSIONS, ValidationError } from '@banca/domain';
import type { CliCommand } from '../cli.types';

interface ConversionOptions {
  by: string;
  previous?: string;
  json?: boolean;
}

const n = (value: number) => value.toLocaleString('en-US');
const percent = (share: number) => `${(share * 100).toFixed(2)} %`;

/** What a row without a value of the dimension stands for. */
const NO_VALUE: Record<ConversionResponse['by'], string> = {
  none: 'all',
  channel: '(no channel)',
  previous_outcome: 'none',
  age_band: '(no age)',
};

function figureCells(figure: ConversionFigureDto): string[] {
  return [
    n(figure.customers),
    n(figure.converted),
    figure.rate === null ? '-' : percent(figure.rate),
    figure.interval === null ? '-' : `${percent(figure.interval.low)} – ${percent(figure.interval.high)}`,
  ];
}

/** The figures as an aligned text table: the dimension's values, then the total; the holdout's columns when there is one. */
export function conversionTable(result: ConversionResponse): string {
  const arms = result.hasHoldout ? (['treatment', 'holdout'] as const) : (['treatment'] as const);
  const figureHeads = ['customers', 'converted', 'rate', '95 % interval (Wilson)'];
  const head = [
    result.by === 'none' ? '' : result.by,
    ...arms.flatMap((arm) => (result.hasHoldout ? figureHeads.map((h) => `${arm} ${h}`) : figureHeads)),
  ];
  const rows = [
    ...result.groups.map((g) => [g.key ?? NO_VALUE[result.by], ...arms.flatMap((arm) => figureCells(g[arm]))]),
    ['total', ...arms.flatMap((arm) => figureCells(result.total[arm]))],
  ];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  return [line(head), ...rows.map(line)].join('\n') + '\n';
}

function describeCampaign(result: ConversionResponse): string {
  const c = result.campaign;
  const products = c.productCodes.length > 0 ? c.productCodes.join(', ') : 'no offered product';
  const by = result.by === 'none' ? '' : ` by ${result.by}${result.previousCampaign ? ` in ${result.previousCampaign}` : ''}`;
  const holdout = result.hasHoldout ? '' : ' (no holdout: uplift not available)';
  return (
    `Campaign ${c.code} "${c.name}" (${c.origin}), ${c.startDate} to ${c.endDate}; sales of ${products} from ${c.startDate} to ${c.windowEnd}\n` +
    `Conversion${by}${holdout}\n`
  );
}

/** `banca campaign conversion CODE`: a campaign's conversion per arm, overall or by one dimension. */
export const campaignCommand: CliCommand = (program, { io, withApp }) => {
  const campaign = program.command('campaign').description('Campaign figures');

  campaign
    .command('conversion')
    .description('Conversion of a campaign\'s audience (DATA.md): converted customers / audience, with 95 % Wilson intervals')
    .argument('<code>', 'the campaign code')
    .option('--by <dimension>', `${CONVERSION_DIMENSIONS.join(', ')}`, 'none')
    .option('--previous <code>', 'with --by previous_outcome: the earlier campaign whose events give the outcome')
    .option('--json', 'print the API response (JSON) instead of a table')
    .action(async (code: string, options: ConversionOptions) => {
      if (options.by === 'previous_outcome' && options.previous === undefined) {
        throw new ValidationError('--by previous_outcome needs --previous CODE, the earlier campaign', { field: 'previous' });
      }
      const query = parseInput(conversionQuerySchema, { by: options.by, previousCampaign: options.previous }, 'conversion');
      const result = await withApp((app) => app.get(ConversionService).conversion(code, query));
      io.out(options.json ? `${JSON.stringify(result, null, 2)}\n` : describeCampaign(result) + conversionTable(result));
    });
};
