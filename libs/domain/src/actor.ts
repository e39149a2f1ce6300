import type { Role } from './roles';

/** Who is acting, for authorisation decisions inside services and for the audit log. */
export interface Actor {
  /** User id; for an API token, the id of the user who created it. */
  userId: string | null;
  role: Role;
  /** `session` for people, `api-token` for machine clients, `system` for jobs and the CLI. */
  via: 'session' | 'api-token' | 'system';
  requestId?: string;
  /** Id of the session or API token that authenticated this actor (logout revokes it). */
  credentialId?: string;
}

export const SYSTEM_ACTOR: Actor = { userId: null, role: 'admin', via: 'system' };
