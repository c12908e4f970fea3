import type { CorsFact } from '../../program/http/app-facts.js';
import type { Rule } from '../types.js';

const ORIGIN_WORDS: Record<'any' | 'reflect', string> = {
  any: 'every origin (`*`)',
  reflect: 'whatever origin asks (`origin: true` reflects it)',
};

export const insecureCors: Rule = {
  meta: {
    id: 'insecure-cors',
    category: 'security',
    severity: 'error',
    title: 'CORS with credentials names the origins it trusts',
    why: 'With credentials allowed, a browser sends the user\'s cookies and HTTP authentication along with cross-origin requests and lets the calling page read the answers. Reflecting any origin then lets every website the user visits act as the user on this API and read their data; `*` with credentials is refused by browsers, so it is a broken configuration waiting for someone to "fix" it by reflecting.',
    fix: 'List the origins that may call with credentials (`origin: [\'https://app.example.com\']`, or a function checking an allow-list), and keep `*` only for public, credential-free endpoints.',
    models: ['program', 'http'],
  },
  check({ models, report }) {
    for (const cors of models.app.cors) {
      if (cors.credentials !== true || (cors.origin !== 'any' && cors.origin !== 'reflect')) continue;
      const origin = cors.origin as keyof typeof ORIGIN_WORDS;
      report({
        ...(origin === 'any' ? { severity: 'warn' as const } : {}),
        file: cors.file,
        line: cors.line,
        column: cors.column,
        message:
          origin === 'reflect'
            ? `${library(cors)} allows credentials from ${ORIGIN_WORDS.reflect}: any website the user visits can call this API as the user and read the answers.`
            : `${library(cors)} allows credentials from ${ORIGIN_WORDS.any}: browsers refuse that combination, so credentialed calls fail, and the usual "fix" (reflecting the origin) opens the API to every website.`,
        anchor: `${cors.library}:${origin}:credentials`,
      });
    }
  },
};

const library = (cors: CorsFact) => (cors.library === '@nestjs/common' || cors.library === '@nestjs/core' ? 'NestJS CORS' : `\`${cors.library}\``);
