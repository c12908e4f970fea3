import type { AstNode } from '../../ast/walk.js';
import { hardcodedLiteral, secretInLiteral, secretUseOf, type SecretUse } from '../../program/crypto/secrets.js';
import { isTooling } from '../../program/tooling.js';
import type { Rule } from '../types.js';

/** What the finding shows of a secret: enough to find it, never the secret itself. */
const masked = (literal: string) => (literal.length <= 4 ? `"${'*'.repeat(literal.length)}"` : `"${literal.slice(0, 2)}…" (${literal.length} characters)`);

/** The text of a string literal or a template literal without substitutions. */
function literalText(node: AstNode): string | null {
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && (node.expressions as unknown[]).length === 0) {
    const quasi = (node.quasis as AstNode[])[0];
    return ((quasi?.value as { cooked?: string } | undefined)?.cooked ?? null) as string | null;
  }
  return null;
}

export const hardcodedSecret: Rule = {
  meta: {
    id: 'hardcoded-secret',
    category: 'security',
    severity: 'error',
    title: 'No secrets, keys or credentials written in the code',
    why: 'A secret in the source is in every clone, fork, CI log, container image and backup of the repository, readable by anyone who ever had access, and it cannot be rotated without a release. A JWT or session secret that falls back to a literal when the variable is unset lets anyone who reads the code forge tokens for any user.',
    fix: 'Read secrets from the environment or a secret manager through one validated config module that refuses to start without them (no literal fallback); rotate every secret that was committed, and remove it from the history if the repository was ever shared.',
    models: ['program'],
  },
  triggers: /-----BEGIN|AKIA|ASIA|sk_live_|gh[pousr]_|github_pat_|xox[baprs]-|SG\.|AIza|:\/\/[^\s'"`]*:[^\s'"`]*@/,
  visitors({ report }) {
    const check = (node: AstNode) => {
      const text = literalText(node);
      const what = text ? secretInLiteral(text) : null;
      if (what) report(node, `holds ${what}`, { what });
    };
    return { Literal: check, TemplateLiteral: check };
  },
  check({ models, fileReports, report }) {
    for (const file of models.programFiles) {
      if (isTooling(file)) continue;
      for (const found of fileReports(file)) {
        const what = String(found.data?.what ?? 'a secret');
        report({ file, line: found.line, column: found.column, message: `A literal holds ${what}: it ships with every copy of the code and cannot be rotated without a release.`, anchor: `literal:${what}:${found.anchor}` });
      }
    }
    // Secrets handed to a library as literals, each literal reported once at its first use.
    const byLiteral = new Map<string, { use: SecretUse; env?: string; others: number }>();
    for (const call of models.everyCall) {
      const use = isTooling(call.file) ? null : secretUseOf(call, models.linker);
      const hardcoded = use ? hardcodedLiteral(call.file, use.value, models.linker) : null;
      // A key that has a secret's shape (a PEM block) is reported where it is written, once.
      if (!use || !hardcoded || secretInLiteral(hardcoded.literal)) continue;
      const known = byLiteral.get(hardcoded.literal);
      if (known) known.others++;
      else byLiteral.set(hardcoded.literal, { use, ...(hardcoded.env ? { env: hardcoded.env } : {}), others: 0 });
    }
    for (const [literal, { use, env, others }] of byLiteral) {
      const also = others ? ` (and ${others} other use${others === 1 ? '' : 's'} of the same literal)` : '';
      const how = env ? `falls back to the literal ${masked(literal)} when \`${env}\` is unset` : `is the literal ${masked(literal)}`;
      report({
        file: use.call.file,
        line: use.call.site.line,
        column: use.call.site.column,
        message: `The ${use.what} given to \`${use.call.site.text}\` ${how}${also}: anyone who reads the code can ${use.what.includes('JWT') || use.what.includes('session') || use.what.includes('cookie') ? 'forge tokens and sessions' : 'sign or decrypt with it'}.`,
        anchor: `sink:${use.what}:${use.call.site.text}:${literal.length}`,
      });
    }
  },
};
