import type { ProgramLinker } from '../link.js';
import type { CallSite, Decorator } from '../summary.js';
import type { Route } from './route.js';

/**
 * What authorisation looks like in code, at the edge (route guards, role decorators and middleware)
 * and inside use cases and the domain (policy calls, role reads, forbidden errors). Authentication
 * (who is calling) is not authorisation (what they may do): `requireAuth`, `JwtAuthGuard` and
 * `passport.authenticate` say nothing about roles and are not counted here.
 */

/** Route guards, decorators and middleware that decide by role, permission or policy. */
const EDGE_AUTHORIZATION = /\broles?\b|role(s)?guard|^roles?\(|has.?roles?|require.?(role|admin|permission)|permission|polic(y|ies)|abilit(y|ies)|casl|\bacl\b|rbac|authori[sz]e|\bpermit\b|is.?admin|admin.?only|admin.?guard|\bgrant/i;
/** Nest decorators that attach the roles or permissions a guard checks (`@Roles('admin')`, `@CheckPolicies(...)`). */
const ROLE_DECORATOR = /^(Roles?|HasRoles?|Permissions?|RequirePermissions?|HasPermissions?|CheckPolicies|Policies|Abilities|RequireRoles?|Authorize|AllowedRoles?|Scopes)$/;

/** Calls inside a use case that check a permission, a role or ownership (`policy.assertCanEdit(user, post)`, `ability.can('update', order)`). */
const POLICY_CALL = /(^|\.)(can|cannot|authori[sz]e\w*|assert\w*(permission|role|access|owner|can|allowed)\w*|check\w*(permission|role|access|owner|policy)\w*|ensure\w*(permission|role|access|owner|can|allowed)\w*|has(role|roles|permission|permissions|access|scope)\w*|is(admin|owner|allowed|authori[sz]ed|permitted)\w*|enforce\w*|require(role|permission|admin|owner)\w*)$/i;
/** Errors a use case throws when the caller may not do something. */
const FORBIDDEN_ERROR = /(forbidden|notauthori[sz]ed|unauthori[sz]ed|accessdenied|permissiondenied|notallowed|insufficientpermission|notowner)\w*(error|exception)?$/i;
/** Members that carry a caller's role or rights, read where a decision is made (`user.role`, `actor.permissions`). */
export const ROLE_MEMBER = /^(role|roles|permissions?|scopes?|isAdmin|is_admin|isSuperAdmin|rights|grants|privileges)$/;

/** The authorisation a route carries at the edge: its guards and middleware, and role decorators on its handler or class. */
export function edgeAuthorization(route: Route, linker: ProgramLinker): string | null {
  const named = route.middleware.find((name) => EDGE_AUTHORIZATION.test(name) && !/authenticat/i.test(name));
  if (named) return named;
  if (!route.handler) return null;
  const summary = linker.summary(route.handler.file);
  const info = summary?.functions[route.handler.fn];
  const owner = summary?.classes.find((cls) => Object.values(cls.methods).includes(route.handler!.fn));
  const decorator = [...(info?.decorators ?? []), ...(owner?.decorators ?? [])].find((candidate: Decorator) => ROLE_DECORATOR.test(candidate.name));
  return decorator ? `@${decorator.name}` : null;
}

/** Whether a call made inside a use case or the domain checks what the caller may do: a policy call or a forbidden error built. */
export function isAuthorizationCall(site: CallSite): boolean {
  const name = site.text.replace(/\(.*$/, '');
  if (site.construct) return FORBIDDEN_ERROR.test(name.split('.').at(-1) ?? '');
  return POLICY_CALL.test(name);
}

/** Whether a function reads a role or rights member of one of its parameters (`command.actor.role`, `user.permissions`). */
export function readsRoleMember(paramReads: readonly string[]): boolean {
  return paramReads.some((read) => read.split('.').slice(1).some((member) => ROLE_MEMBER.test(member)));
}
