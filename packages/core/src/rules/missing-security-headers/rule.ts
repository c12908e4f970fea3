import { routeLabel } from '../../program/http/route.js';
import type { Rule } from '../types.js';

export const missingSecurityHeaders: Rule = {
  meta: {
    id: 'missing-security-headers',
    category: 'security',
    severity: 'warn',
    title: 'An HTTP application sends the standard security headers',
    why: 'Without `X-Content-Type-Options: nosniff` a browser may run an uploaded or echoed file as script; without `Strict-Transport-Security` the first request of a visit can be downgraded to plain HTTP and read or altered on the way; without `frame-ancestors`/`X-Frame-Options` any site can frame the pages and trick clicks (clickjacking). Each is one header, and their absence is the first thing a penetration test reports.',
    fix: 'Register helmet once for the whole application (`app.use(helmet())`, `app.register(helmet)` with `@fastify/helmet`, `app.use(helmet())` in a NestJS `main.ts`); for a JSON-only API, at least `nosniff`, HSTS and `Content-Security-Policy: default-src \'none\'; frame-ancestors \'none\'`. If a proxy in front sets them, say so with a suppression that names it.',
    models: ['program', 'http'],
    appliesTo: { frameworks: ['express', 'fastify', 'nestjs', 'koa'] },
  },
  check({ models, report }) {
    if (models.app.securityHeaders.length) return;
    // Route tables (Hapi and the like) have their own header options the model does not read: quiet.
    const routes = models.routes.filter((route) => route.framework !== 'table');
    const first = routes[0];
    if (!first) return;
    report({
      file: first.file,
      line: first.line,
      column: first.column,
      message: `The application serves ${routes.length} route${routes.length === 1 ? '' : 's'} (first: ${routeLabel(first)}) and sets no security headers anywhere: no helmet or equivalent, no \`X-Content-Type-Options\`, \`Strict-Transport-Security\` or \`Content-Security-Policy\` set by hand.`,
      anchor: 'no-security-headers',
      route: routeLabel(first),
    });
  },
};
