import type { RetierOutcome } from '@banca/segmentation';
import { TierService } from '@banca/segmentation';
import { JOB_QUEUE_TOKEN, type JobQueue } from '@banca/queue';
import type { CliCommand } from '../cli.types';

const n = (value: number) => value.toLocaleString('en-US');

/** `banca segment retier`: recompute every customer's tier with the rule set in force, and wait for it. */
export const segmentCommand: CliCommand = (program, { io, withApp }) => {
  const segment = program.command('segment').description('Customer tiers and segments');

  segment
    .command('retier')
    .description('Recompute every customer\'s tier (and the tier history) with the tier rule set in force')
    .action(async () => {
      await withApp(async (app) => {
        const tiers = app.get(TierService);
        const queue = app.get<JobQueue>(JOB_QUEUE_TOKEN);
        const jobId = await tiers.requestRetier('on-demand');
        io.err(`Re-tier job ${jobId} queued; waiting…\n`);
        const job = await queue.waitFor(jobId);
        if (job.state !== 'completed') throw new Error(`re-tier job ${jobId} failed: ${job.error ?? 'no reason recorded'}`);
        const result = job.result as RetierOutcome;
        const counts = await tiers.tierCounts({});
        io.out(`Re-tiered ${n(result.customers)} customers with rule set v${result.ruleVersion}; ${n(result.historyChanged)} history rows changed.\n`);
        io.out(`${counts.tiers.map((t) => `${t.tier} ${n(t.customers)}`).join(' · ')}\n`);
      });
    });
};
