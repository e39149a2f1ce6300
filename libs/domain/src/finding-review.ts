import type { Severity } from './compliance-settings';
import { ConflictError, ForbiddenError } from './errors';

/**
 * Where a finding stands (RULES.md review workflow). `awaiting_second_approval`: a high-severity finding
 * one reviewer approved, waiting for a second, different one (four eyes). `cleared`: evidence that the
 * rule allows was attached. `withdrawn`: a later scan on corrected data no longer raises it.
 */
export const FINDING_STATUSES = [
  'open',
  'escalated',
  'awaiting_second_approval',
  'approved',
  'rejected',
  'cleared',
  'withdrawn',
] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

/** Statuses a reviewer can still act on; the others are final. */
export const OPEN_FINDING_STATUSES: readonly FindingStatus[] = ['open', 'escalated', 'awaiting_second_approval'];

export const REVIEW_DECISIONS = ['approve', 'reject', 'escalate'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** Severities whose approval needs a second, different reviewer. */
export const FOUR_EYES_SEVERITIES: readonly Severity[] = ['high'];
/** Severities a reviewer may decide in bulk. */
export const BULK_REVIEW_SEVERITIES: readonly Severity[] = ['info', 'low'];

export interface FindingUnderReview {
  status: FindingStatus;
  severity: Severity;
  /** The reviewer who gave the first of two approvals, when one did. */
  firstApproverId: string | null;
}

/**
 * The status a decision moves a finding to, or a domain error saying why it may not. A high-severity
 * approval needs two different reviewers: the first moves it to `awaiting_second_approval`, the second
 * (a different user) to `approved`; the same reviewer approving twice is refused.
 */
export function nextFindingStatus(finding: FindingUnderReview, decision: ReviewDecision, reviewerId: string): FindingStatus {
  if (!OPEN_FINDING_STATUSES.includes(finding.status)) {
    throw new ConflictError(`The finding is ${finding.status}; a decided finding cannot be reviewed again`);
  }
  switch (decision) {
    case 'reject':
      return 'rejected';
    case 'escalate':
      if (finding.status === 'escalated') throw new ConflictError('The finding is already escalated');
      return 'escalated';
    case 'approve':
      if (!FOUR_EYES_SEVERITIES.includes(finding.severity)) return 'approved';
      if (finding.status !== 'awaiting_second_approval') return 'awaiting_second_approval';
      if (finding.firstApproverId === reviewerId) {
        throw new ForbiddenError('Four eyes: a second, different reviewer must approve a high-severity finding');
      }
      return 'approved';
  }
}
