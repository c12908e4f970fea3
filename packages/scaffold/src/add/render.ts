import { camel, kebab, pascal, plural, snake } from '../names.js';

export type Tokens = Record<string, string>;

/** The spellings of one name that templates use: `{{Name}}`, `{{name}}`, `{{camelName}}`, `{{NAME}}`... */
export function nameTokens(prefix: string, name: string): Tokens {
  const Suffix = pascal(prefix);
  const lower = prefix.toLowerCase();
  return {
    [Suffix]: pascal(name),
    [lower]: kebab(name),
    [`camel${Suffix}`]: camel(name),
    [prefix.toUpperCase()]: snake(name).toUpperCase(),
    [`${lower}_snake`]: snake(name),
    [`${lower}Plural`]: plural(name),
    [`${Suffix}Plural`]: pascal(plural(name)),
    [`${lower}PluralTable`]: snake(plural(name)),
  };
}

const TOKEN = /\{\{([A-Za-z_]+)\}\}/g;

/** Replaces `{{token}}`; an unknown token is a template bug and fails loudly rather than shipping braces. */
export function render(text: string, tokens: Tokens): string {
  return text.replace(TOKEN, (match, key: string) => {
    const value = tokens[key];
    if (value === undefined) throw new Error(`Unknown template token ${match}`);
    return value;
  });
}
