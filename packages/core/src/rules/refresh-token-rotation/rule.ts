import { tokenLifetimes, type TokenLifetime } from '../../program/crypto/tokens.js';
import type { ProgramModels } from '../../program/models.js';
import { isTooling } from '../../program/tooling.js';
import type { Rule } from '../types.js';
import { defineOptions, integerOption } from '../options.js';

const options = defineOptions({
  /** The longest lifetime, in seconds, a token may have without a refresh flow behind it: one day. */
  maxAccessSeconds: integerOption({ min: 1, default: 86_400 }),
});

/** Tokens signed for one link or one device (email confirmation, password reset, invitations): long lifetimes are their point. */
const ONE_PURPOSE = /verif|confirm|reset|invit|magic|unsubscribe|download|share|link|activation|api.?key|webhook|signed.?url|otp|one.?time/i;
const REFRESH = /refresh/i;

/** Whether the program has a refresh flow anywhere: a route, a function, a call or a variable named for it. */
function hasRefreshFlow(models: ProgramModels): boolean {
  if (models.routes.some((route) => REFRESH.test(route.path))) return true;
  return models.programFiles.some((file) => {
    const summary = models.linker.summary(file);
    return !!summary && (summary.functions.some((fn) => REFRESH.test(fn.name)) || summary.calls.some((call) => REFRESH.test(call.text)) || summary.variables.some((variable) => REFRESH.test(variable.name)));
  });
}

const purposeOf = (models: ProgramModels, lifetime: TokenLifetime) => models.linker.summary(lifetime.call.file)?.functions[lifetime.call.site.fn]?.name ?? '';

function spoken(seconds: number): string {
  const days = seconds / 86_400;
  return days >= 2 ? `${Math.round(days)} days` : `${Math.round(seconds / 3600)} hours`;
}

export const refreshTokenRotation: Rule = {
  meta: {
    id: 'refresh-token-rotation',
    category: 'security',
    severity: 'warn',
    title: 'Access tokens are short-lived and renewed through rotated refresh tokens',
    why: 'A bearer token is valid for its whole lifetime whatever happens: a token copied from a log, a proxy, a browser extension or a stolen laptop works for weeks, and logging out, changing the password or removing the user does not end it. Short access tokens with refresh tokens stored server-side and rotated on each use bound that window to minutes and let the server revoke a session, and detect a stolen refresh token when it is used twice.',
    fix: 'Issue access tokens for minutes (`expiresIn: \'15m\'`) and a refresh token kept server-side (hashed) that a `/auth/refresh` route exchanges for a new pair, rotating it on every use and revoking the whole family when a spent one comes back; revoke the user\'s refresh tokens on logout and password change.',
    models: ['program', 'http'],
    options,
  },
  check({ models, report, options: raw }) {
    const { maxAccessSeconds } = options.resolve(raw);
    const long = tokenLifetimes(
      models.everyCall.filter((call) => !isTooling(call.file)),
      models.linker,
    ).filter((lifetime) => lifetime.seconds > maxAccessSeconds && !ONE_PURPOSE.test(purposeOf(models, lifetime)));
    if (!long.length || hasRefreshFlow(models)) return;
    long.sort((a, b) => b.seconds - a.seconds);
    const [first, ...others] = long;
    report({
      file: first!.call.file,
      line: first!.call.site.line,
      column: first!.call.site.column,
      message: `\`${first!.what}\` gives tokens a lifetime of ${first!.written} (${spoken(first!.seconds)})${others.length ? `, like ${others.length} other signing${others.length === 1 ? '' : 's'}` : ''}, and the application has no refresh flow: a leaked token works that long, and logout or a password change cannot end it.`,
      anchor: `long-lived:${first!.what}`,
    });
  },
};
