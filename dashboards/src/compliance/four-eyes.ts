import type { FindingReviewDto, FindingSummaryDto } from '@banca/contracts';

export type FourEyesNote =
  | { kind: 'you'; approvedAt: string | null }
  | { kind: 'other'; approverName: string | null; approvedAt: string | null };

/**
 * What the detail says while a high-severity finding waits for its second approval (RULES.md four eyes):
 * who gave the first approval and when (from the history), or that the signed-in user did, who then
 * cannot give the second. Null when the finding is not waiting.
 */
export function fourEyesNote(
  finding: Pick<FindingSummaryDto, 'status' | 'firstApproverId'>,
  history: readonly FindingReviewDto[],
  userId: string,
): FourEyesNote | null {
  if (finding.status !== 'awaiting_second_approval') return null;
  const firstApproval = [...history]
    .filter((review) => review.toStatus === 'awaiting_second_approval')
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  const approvedAt = firstApproval?.createdAt ?? null;
  const approverId = finding.firstApproverId ?? firstApproval?.reviewerId ?? null;
  if (approverId !== null && approverId === userId) return { kind: 'you', approvedAt };
  return { kind: 'other', approverName: firstApproval?.reviewerName ?? null, approvedAt };
}
