import { ComplianceScanService, type AlertEvaluationOutcome, type ComplianceScanOutcome } from '@banca/compliance';
import { SYSTEM_ACTOR } from '@banca/domain';
import { JOB_QUEUE_TOKEN, type JobQueue } from '@banca/queue';
import type { CliCommand } from '../cli.types';

const n = (value: number) => value.toLocaleString('en-US');

/** `banca compliance scan`: check every sale against the compliance rules now, and wait for it. */
export const complianceCommand: CliCommand = (program, { io, withApp }) => {
  const compliance = program.command('compliance').description('Sales-risk matching (RULES.md)');

  compliance
    .command('scan')
    .description('Check every sale against the compliance rules (each with the rule version in force at its sale date)')
    .action(async () => {
      await withApp(async (app) => {
        const queue = app.get<JobQueue>(JOB_QUEUE_TOKEN);
        const { jobId } = await app.get(ComplianceScanService).requestScan(SYSTEM_ACTOR);
        io.err(`Compliance scan job ${jobId} queued; waiting…\n`);
        const job = await queue.waitFor(jobId);
        if (job.state !== 'completed') throw new Error(`compliance scan job ${jobId} failed: ${job.error ?? 'no reason recorded'}`);
        const r = job.result as ComplianceScanOutcome;
        io.out(
          `Checked ${n(r.salesChecked)} sales: ${n(r.findingsCreated)} findings created, ${n(r.findingsUpdated)} updated, ` +
            `${n(r.findingsReopened)} reopened, ${n(r.findingsWithdrawn)} withdrawn (scan ${r.scanId}).\n`,
        );
        const alerts = await queue.waitFor(r.alertsJobId);
        if (alerts.state !== 'completed') throw new Error(`alert evaluation ${r.alertsJobId} failed: ${alerts.error ?? 'no reason recorded'}`);
        const a = alerts.result as AlertEvaluationOutcome;
        io.out(`Alerts (rule set v${a.ruleVersion}): ${n(a.raised)} raised, ${n(a.stillOver)} still over, ${n(a.resolved)} resolved.\n`);
      });
    });
};
