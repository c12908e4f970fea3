import { routeLabel, type Route } from '../../program/http/route.js';
import type { Rule } from '../types.js';

/**
 * Routes that take credentials or hand out access: log in, sign up, tokens, password resets,
 * one-time codes. The path's last meaningful segments say so (`/users/login`, `/auth/email/login`,
 * `/oauth/token`, `/password/reset`).
 */
const AUTH_PATH = /\/(log-?in|sign-?in|sign-?up|register|token|refresh|forgot-?password|reset-?password|password(\/reset|\/forgot)?|otp|2fa|mfa|verify-?(email|otp|code)?|magic-?link)(\/|$)/i;
const TAKES_INPUT = new Set(['POST', 'PUT', 'PATCH']);

const isAuthRoute = (route: Route) => TAKES_INPUT.has(route.method) && AUTH_PATH.test(route.path);

export const missingRateLimit: Rule = {
  meta: {
    id: 'missing-rate-limit',
    category: 'security',
    severity: 'warn',
    title: 'Login, sign-up and token routes are rate limited',
    why: 'Without a limit, one client can try thousands of passwords a minute against a login (credential stuffing with leaked lists, brute force of short codes), create accounts in bulk, or burn the CPU that password hashing takes, which slows every other request.',
    fix: 'Limit the routes that take credentials per IP and per account (`express-rate-limit`, `@fastify/rate-limit`, `@nestjs/throttler`), with a shared store (Redis) when there are several instances; if a gateway in front already does it, say so with a suppression that names it.',
    models: ['program', 'http'],
  },
  check({ models, report }) {
    if (models.app.rateLimits.length) return;
    const auth = models.routes.filter(isAuthRoute);
    const first = auth[0];
    if (!first) return;
    const others = auth.length - 1;
    report({
      file: first.file,
      line: first.line,
      column: first.column,
      message: `${routeLabel(first)}${others ? ` (and ${others} other route${others === 1 ? ' that takes' : 's that take'} credentials or issue${others === 1 ? 's' : ''} tokens)` : ''} has no rate limit, and the application sets none anywhere: nothing slows a client trying passwords or codes.`,
      anchor: `no-rate-limit:${routeLabel(first)}`,
      route: routeLabel(first),
    });
  },
};
