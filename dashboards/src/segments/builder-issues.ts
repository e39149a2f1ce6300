import type { FieldIssue } from '../api/api-error';
import { locateIssue, type DraftControl, type DraftProblem, type GroupDraft } from './rule-draft';

/** Messages to show next to the controls of the builder, by node id and control. */
export type IssueIndex = ReadonlyMap<string, ReadonlyMap<DraftControl, readonly string[]>>;

export interface BuilderIssues {
  byNode: IssueIndex;
  /** Issues of the request outside the rule (`name`, `description`), by field. */
  byField: ReadonlyMap<string, readonly string[]>;
}

/**
 * Joins the draft's own problems (already translated) and the API's validation issues: an API issue on
 * a path inside the rule goes to that node's control, any other to its field.
 */
export function collectBuilderIssues(
  root: GroupDraft,
  local: readonly DraftProblem[],
  describe: (problem: DraftProblem) => string,
  api: readonly FieldIssue[],
): BuilderIssues {
  const byNode = new Map<string, Map<DraftControl, string[]>>();
  const byField = new Map<string, string[]>();
  const add = (nodeId: string, control: DraftControl, message: string) => {
    const controls = byNode.get(nodeId) ?? new Map<DraftControl, string[]>();
    const messages = controls.get(control) ?? [];
    if (!messages.includes(message)) messages.push(message);
    controls.set(control, messages);
    byNode.set(nodeId, controls);
  };
  for (const problem of local) add(problem.nodeId, problem.control, describe(problem));
  for (const issue of api) {
    const located = locateIssue(root, issue.field, issue.message);
    if (located) add(located.nodeId, located.control, located.message);
    else byField.set(issue.field, [...(byField.get(issue.field) ?? []), issue.message]);
  }
  return { byNode, byField };
}
