import { ROLES, type Role } from '@banca/domain';

/**
 * The permission matrix of the product (issue 4, "Access and audit"): who may call each operation of the
 * OpenAPI document. The controllers enforce it with @Roles/@Public; the route-walk test
 * (apps/api/test/access-control.int.spec.ts) asserts every documented operation declares exactly these
 * roles, that no operation is missing here, and that the README table is this matrix.
 *
 * Policy: marketing plans campaigns and loads data (ingestion, segments, re-tiering), never compliance or
 * the audit log; managers read everything and change nothing (GET only, plus logging out and the
 * segment preview, a read sent by POST); compliance reviews findings, attaches evidence, sets compliance
 * rule thresholds, runs scans and reads the audit log; admins manage users, API tokens, tier rules and
 * compliance rule settings, run scans and read the audit log, but do not decide findings or attach
 * evidence (that is compliance's own work).
 */
export type OperationAccess = 'public' | readonly Role[];

const ALL = ROLES;
const ADMIN = ['admin'] as const;
const DATA_LOADERS = ['admin', 'marketing'] as const;
const DATA_READERS = ['admin', 'marketing', 'manager'] as const;
const SEGMENT_WRITERS = ['admin', 'marketing'] as const;
const CAMPAIGN_PLANNERS = ['admin', 'marketing'] as const;
const COMPLIANCE_READERS = ['admin', 'manager', 'compliance'] as const;
const COMPLIANCE_SETTERS = ['admin', 'compliance'] as const;
const REVIEWERS = ['compliance'] as const;
const AUDIT_READERS = ['admin', 'compliance'] as const;

/** `METHOD /path` as in the OpenAPI document → who may call it. Keep the order of the README table. */
export const ACCESS_MATRIX: Readonly<Record<string, OperationAccess>> = {
  'POST /api/v1/auth/login': 'public',
  'POST /api/v1/auth/logout': ALL,
  'GET /api/v1/auth/me': ALL,
  'GET /api/v1/health/live': 'public',
  'GET /api/v1/health/ready': 'public',

  'GET /api/v1/users': ADMIN,
  'POST /api/v1/users': ADMIN,
  'POST /api/v1/users/{id}/disable': ADMIN,
  'POST /api/v1/users/{id}/enable': ADMIN,
  'GET /api/v1/api-tokens': ADMIN,
  'POST /api/v1/api-tokens': ADMIN,
  'POST /api/v1/api-tokens/{id}/revoke': ADMIN,
  'POST /api/v1/jobs/ping': ADMIN,
  'GET /api/v1/jobs/{id}': ADMIN,

  'POST /api/v1/ingestions': DATA_LOADERS,
  'GET /api/v1/ingestions': DATA_READERS,
  'GET /api/v1/ingestions/{id}': DATA_READERS,
  'GET /api/v1/ingestions/{id}/rejects.csv': DATA_READERS,
  'GET /api/v1/ingestions/{id}/rejects': DATA_READERS,

  'GET /api/v1/segments/tiers': ALL,
  'GET /api/v1/segments/tiers/breakdown': ALL,
  'GET /api/v1/segments/tiers/migration': ALL,
  'GET /api/v1/segments/tier-rules': ALL,
  'POST /api/v1/segments/tier-rules': ADMIN,
  'POST /api/v1/segments/retier': DATA_LOADERS,
  'GET /api/v1/segments/penetration': ALL,
  'GET /api/v1/segments/completeness': ALL,
  'GET /api/v1/segments/consent': ALL,
  'POST /api/v1/segments/preview': ALL,
  'GET /api/v1/segments': ALL,
  'POST /api/v1/segments': SEGMENT_WRITERS,
  'GET /api/v1/segments/{id}/members.csv': ALL,
  'GET /api/v1/segments/{id}/members.arrow': ALL,
  'GET /api/v1/segments/{id}': ALL,
  'PUT /api/v1/segments/{id}': SEGMENT_WRITERS,
  'DELETE /api/v1/segments/{id}': SEGMENT_WRITERS,

  'GET /api/v1/campaigns': ALL,
  'POST /api/v1/campaigns': CAMPAIGN_PLANNERS,
  'GET /api/v1/campaigns/overview': ALL,
  'POST /api/v1/campaigns/rollups/refresh': CAMPAIGN_PLANNERS,
  'GET /api/v1/campaigns/{code}': ALL,
  'PATCH /api/v1/campaigns/{code}': CAMPAIGN_PLANNERS,
  'POST /api/v1/campaigns/{code}/launch': CAMPAIGN_PLANNERS,
  'POST /api/v1/campaigns/{code}/cancel': CAMPAIGN_PLANNERS,
  'POST /api/v1/campaigns/{code}/complete': CAMPAIGN_PLANNERS,
  'GET /api/v1/campaigns/{code}/spend': ALL,
  'POST /api/v1/campaigns/{code}/spend': CAMPAIGN_PLANNERS,
  'POST /api/v1/campaigns/{code}/events': DATA_LOADERS,
  'POST /api/v1/sales': DATA_LOADERS,
  'GET /api/v1/campaigns/{code}/audience/members': ALL,
  'GET /api/v1/campaigns/{code}/metrics': ALL,
  'GET /api/v1/campaigns/{code}/metrics/breakdown': ALL,
  'GET /api/v1/campaigns/{code}/metrics/trend': ALL,
  'GET /api/v1/campaigns/{code}/metrics/retention': ALL,
  'GET /api/v1/campaigns/{code}/conversion': ALL,

  'GET /api/v1/compliance/rule-sets': COMPLIANCE_READERS,
  'POST /api/v1/compliance/rule-sets': COMPLIANCE_SETTERS,
  'GET /api/v1/compliance/scans': COMPLIANCE_READERS,
  'POST /api/v1/compliance/scans': COMPLIANCE_SETTERS,
  'GET /api/v1/compliance/findings': COMPLIANCE_READERS,
  'GET /api/v1/compliance/findings/export': COMPLIANCE_READERS,
  'GET /api/v1/compliance/findings/{id}': COMPLIANCE_READERS,
  'POST /api/v1/compliance/findings/{id}/decisions': REVIEWERS,
  'POST /api/v1/compliance/findings/bulk-decisions': REVIEWERS,
  'GET /api/v1/compliance/sales/{saleId}/evidence': COMPLIANCE_READERS,
  'POST /api/v1/compliance/sales/{saleId}/evidence': REVIEWERS,
  'POST /api/v1/compliance/evidence/{id}/revoke': REVIEWERS,
  'GET /api/v1/compliance/figures/mismatch-trend': COMPLIANCE_READERS,
  'GET /api/v1/compliance/figures/branch-rule-heatmap': COMPLIANCE_READERS,
  'GET /api/v1/compliance/figures/by-dimension': COMPLIANCE_READERS,
  'GET /api/v1/compliance/alerts': COMPLIANCE_READERS,

  'GET /api/v1/audit': AUDIT_READERS,
  'GET /api/v1/audit/export': AUDIT_READERS,
};

/** Operations that change nothing although sent by POST (a rule tree is too large for a query string). */
export const READS_SENT_BY_POST: readonly string[] = ['POST /api/v1/segments/preview'];

const API_PREFIX = '/api/v1';

/** The README "Access matrix" table, generated from ACCESS_MATRIX (paths below /api/v1). */
export function accessMatrixMarkdown(): string {
  const header = `| endpoint | ${ROLES.join(' | ')} |`;
  const rule = `| --- | ${ROLES.map(() => '---').join(' | ')} |`;
  const rows = Object.entries(ACCESS_MATRIX).map(([operation, access]) => {
    const label = operation.replace(` ${API_PREFIX}/`, ' /');
    const cells = ROLES.map((role) => (access === 'public' ? 'public' : access.includes(role) ? '✓' : ' '));
    return `| \`${label}\` | ${cells.join(' | ')} |`;
  });
  return [header, rule, ...rows].join('\n');
}
