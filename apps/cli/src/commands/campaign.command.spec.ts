import { describe, expect, it } from 'vitest';
import type { ConversionResponse } from '@banca/contracts';
import { conversionFigure } from '@banca/domain';
import { conversionTable } from './campaign.command';

const campaign: ConversionResponse['campaign'] = {
  code: 'C1',
  name: 'Deposits',
  origin: 'imported',
  startDate: '2025-03-01',
  endDate: '2025-03-31',
  attributionDays: 30,
  windowEnd: '2025-04-30',
  productCodes: ['TD'],
};

describe('conversionTable', () => {
  it('lists each value, then the total, with rates and Wilson intervals as percentages', () => {
    const table = conversionTable({
      campaign,
      by: 'channel',
      previousCampaign: null,
      groups: [
        { key: 'cellular', treatment: conversionFigure(4369, 29_285), holdout: conversionFigure(0, 0) },
        { key: null, treatment: conversionFigure(0, 0), holdout: conversionFigure(0, 0) },
      ],
      total: { treatment: conversionFigure(4369, 29_285), holdout: conversionFigure(0, 0) },
      hasHoldout: false,
    });
    expect(table.split('\n')).toEqual([
      'channel       customers  converted     rate  95 % interval (Wilson)',
      'cellular         29,285      4,369  14.92 %       14.52 % – 15.33 %',
      '(no channel)          0          0        -                       -',
      'total            29,285      4,369  14.92 %       14.52 % – 15.33 %',
      '',
    ]);
  });

  it('adds the holdout columns when the audience has a holdout', () => {
    const table = conversionTable({
      campaign,
      by: 'none',
      previousCampaign: null,
      groups: [],
      total: { treatment: conversionFigure(30, 200), holdout: conversionFigure(2, 20) },
      hasHoldout: true,
    });
    const [head, total] = table.split('\n');
    expect(head).toContain('treatment customers');
    expect(head).toContain('holdout 95 % interval (Wilson)');
    expect(total).toMatch(/^total\s+200\s+30\s+15\.00 %\s+.+\s+20\s+2\s+10\.00 %/);
  });
});
