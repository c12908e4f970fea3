import { UsageError, type Command } from '../command.js';
import { readRuleDoc } from '../rule-docs.js';
import { didYouMean } from '../suggest.js';

export const explainCommand: Command = {
  name: 'explain',
  summary: "Print a rule's documentation: what it catches, why it matters, how to fix it, examples",
  usage: 'strata explain <rule>   (without a rule: the list of rules)',
  options: {},
  async run({ positionals }, io) {
    if (positionals.length > 1) throw new UsageError(`expected one rule id, got ${positionals.length}: ${positionals.join(' ')}`);
    const [ruleId] = positionals;
    // The catalogue is loaded here, not with the CLI: other commands on an unchanged tree never need it.
    const { RULES } = await import('@strata/core');
    const ids = RULES.map((rule) => rule.meta.id);
    if (!ruleId) {
      const width = Math.max(...ids.map((id) => id.length));
      const rows = RULES.map(({ meta }) => `  ${meta.id.padEnd(width)}  ${meta.severity.padEnd(5)}  ${meta.title}`);
      io.stdout.write(['Rules (id, default severity, title):', ...rows, '', 'Run `strata explain <rule>` for its page.', ''].join('\n'));
      return 0;
    }
    if (!ids.includes(ruleId)) throw new UsageError(`unknown rule "${ruleId}"${didYouMean(ruleId, ids, 'run `strata explain` for the list')}`);
    const page = await readRuleDoc(ruleId);
    // Every registered rule has a page (a core test holds that), so a miss means a broken installation.
    if (page === undefined) throw new UsageError(`no documentation page for "${ruleId}" in this installation`);
    io.stdout.write(page.endsWith('\n') ? page : `${page}\n`);
    return 0;
  },
};
