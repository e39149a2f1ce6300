import {
  complianceRuleSetListSchema,
  createComplianceRuleSetResponseSchema,
  type ComplianceRuleSetListDto,
  type CreateComplianceRuleSetRequest,
  type CreateComplianceRuleSetResponse,
} from '@banca/contracts';
import { useMutation, useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import type { ApiError } from '../api/api-error';
import { apiRequest } from '../api/client';

/** Under 'compliance', so a new version also refreshes the compliance figures and queue, which it re-scans. */
export const complianceRuleKeys = {
  ruleSets: () => ['compliance', 'rule-sets'] as const,
};

/** GET /compliance/rule-sets: every version of the rule settings, the one in force today, and RULES.md defaults. */
export function useComplianceRuleSetsQuery(): UseQueryResult<ComplianceRuleSetListDto, ApiError> {
  return useQuery<ComplianceRuleSetListDto, ApiError>({
    queryKey: complianceRuleKeys.ruleSets(),
    queryFn: ({ signal }) => apiRequest('/compliance/rule-sets', complianceRuleSetListSchema, { signal }),
  });
}

/** POST /compliance/rule-sets: a new version, which starts a re-scan of the sales it applies to. */
export function useCreateComplianceRuleSetMutation() {
  const queryClient = useQueryClient();
  return useMutation<CreateComplianceRuleSetResponse, ApiError, CreateComplianceRuleSetRequest>({
    mutationFn: (request) => apiRequest('/compliance/rule-sets', createComplianceRuleSetResponseSchema, { method: 'POST', body: request }),
    onSuccess: ({ ruleSet }) => {
      // The page opens the new version at once: the list must hold it before the refetch answers.
      queryClient.setQueryData<ComplianceRuleSetListDto>(complianceRuleKeys.ruleSets(), (list) =>
        list ? { ...list, versions: [ruleSet, ...list.versions.filter((version) => version.version !== ruleSet.version)] } : list,
      );
      return queryClient.invalidateQueries({ queryKey: ['compliance'] });
    },
  });
}
