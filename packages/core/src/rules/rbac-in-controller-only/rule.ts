import { edgeAuthorization, isAuthorizationCall, readsRoleMember, ROLE_MEMBER } from '../../program/http/authorization.js';
import { routeLabel, type Route } from '../../program/http/route.js';
import type { AstNode } from '../../ast/walk.js';
import type { Rule } from '../types.js';

/** Layers where use cases and domain policies live. */
const INNER_LAYERS = new Set(['application', 'domain']);

export const rbacInControllerOnly: Rule = {
  meta: {
    id: 'rbac-in-controller-only',
    category: 'security',
    severity: 'warn',
    title: 'Use cases check what the caller may do, not only the routes in front of them',
    why: 'When roles and permissions are checked only by route guards and middleware, the use case itself trusts whoever calls it: the same operation reached from another route, a queue consumer, a scheduled job, a GraphQL resolver or a CLI runs with no check, and a route added later without the guard opens it. The rules of who may do what are business rules; at the edge they are scattered, duplicated and untested with the operation they protect.',
    fix: 'Pass the caller (an actor with id, roles, tenant) into the use case and check there, or in a policy object the use case asks (`policy.assertCanRefund(actor, order)`, CASL `ability.can(...)`), throwing a domain `ForbiddenError` that the HTTP layer maps to 403. Route guards may stay as a first line; the use case is where the decision is made and tested.',
    models: ['program', 'http'],
    // Only where use cases exist: an MVC or flat app has no inner layer to move the check into.
    appliesTo: { shapes: ['clean', 'nestjs'] },
  },
  triggers: /\.(roles?|permissions?|scopes?|isAdmin|is_admin|isSuperAdmin|rights|grants|privileges)\b/,
  visitors({ report }) {
    let reported = false;
    return {
      MemberExpression(node) {
        const property = node.property as AstNode;
        if (reported || node.computed || property.type !== 'Identifier' || !ROLE_MEMBER.test(String(property.name))) return;
        reported = true;
        report(node, `reads \`.${String(property.name)}\``);
      },
    };
  },
  check({ models, project, report, fileReports }) {
    const edge: { route: Route; by: string }[] = [];
    for (const route of models.routes) {
      const by = edgeAuthorization(route, models.linker);
      if (by) edge.push({ route, by });
    }
    const first = edge[0];
    if (!first) return;
    const inner = models.programFiles.filter((file) => INNER_LAYERS.has(project.layers.layerOf(file) ?? ''));
    // No use-case layer to speak of: nothing to move the check into.
    if (inner.length === 0) return;
    for (const file of inner) {
      if (fileReports(file).length) return;
      const summary = models.linker.summary(file);
      if (summary?.calls.some(isAuthorizationCall)) return;
      if (summary?.functions.some((fn) => readsRoleMember(fn.paramReads))) return;
    }
    const others = edge.length - 1;
    report({
      file: first.route.file,
      line: first.route.line,
      column: first.route.column,
      message: `${routeLabel(first.route)} is authorised at the edge (${first.by})${others ? `, like ${others} other route${others === 1 ? '' : 's'}` : ''}, and no use case or domain policy in the ${inner.length} application and domain file${inner.length === 1 ? '' : 's'} checks a role, a permission or ownership: the same operations called from elsewhere run unchecked.`,
      anchor: 'rbac-at-edge-only',
      route: routeLabel(first.route),
    });
  },
};
