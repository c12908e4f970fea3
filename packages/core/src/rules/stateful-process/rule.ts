import { isTestFile } from '../../layers/classify.js';
import { isTooling } from '../../program/tooling.js';
import type { Rule } from '../types.js';

export const statefulProcess: Rule = {
  meta: {
    id: 'stateful-process',
    category: 'performance',
    severity: 'warn',
    title: 'User state lives outside the process',
    why: 'Sessions kept in the process\'s memory vanish at every restart and deploy (everyone is logged out), are not shared between instances (behind a load balancer a user is logged in on one and not on the next, so the service cannot scale out), and the in-memory store never evicts expired sessions, so memory grows with every visitor until the process is killed.',
    fix: 'Give the session middleware a shared store with expiry (`connect-redis`/`RedisStore`, `connect-mongo`, a SQL store; for @fastify/session a Redis-backed store), or keep the session in a signed cookie (`@fastify/secure-session`, `cookie-session`) or in a short-lived token, so any instance can serve any user.',
    models: ['program', 'http'],
    appliesTo: { frameworks: ['express', 'fastify', 'nestjs'] },
  },
  check({ models, report }) {
    for (const session of models.app.sessions) {
      if (session.store !== 'memory' || isTooling(session.file) || isTestFile(session.file)) continue;
      report({
        file: session.file,
        line: session.line,
        column: session.column,
        message: `\`${session.library}\` keeps sessions in the process's memory (no \`store\`: its MemoryStore): they are lost on every restart, not shared between instances, and never evicted.`,
        anchor: `memory-sessions:${session.library}`,
      });
    }
  },
};
