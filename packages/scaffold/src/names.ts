import { ScaffoldError } from './errors.js';

/** `InvoiceLine`, `invoice_line`, `invoice-line` → ['invoice', 'line'] */
export function words(input: string): string[] {
  return input
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word.toLowerCase());
}

const capitalise = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

export const kebab = (input: string) => words(input).join('-');
export const snake = (input: string) => words(input).join('_');
export const pascal = (input: string) => words(input).map(capitalise).join('');
export const camel = (input: string) => {
  const value = pascal(input);
  return value.charAt(0).toLowerCase() + value.slice(1);
};

/** English plural of the last word; good enough for table and route names, and overridable. */
export function plural(input: string): string {
  const name = kebab(input);
  if (/[^aeiou]y$/.test(name)) return `${name.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(name)) return `${name}es`;
  return `${name}s`;
}

export function singular(input: string): string {
  const name = kebab(input);
  if (name.endsWith('ies')) return `${name.slice(0, -3)}y`;
  if (/(ses|xes|zes|ches|shes)$/.test(name)) return name.slice(0, -2);
  if (name.endsWith('s') && !name.endsWith('ss')) return name.slice(0, -1);
  return name;
}

const RESERVED = new Set(['shared', 'config', 'bootstrap', 'index', 'main', 'test', 'node_modules']);

/** Names become folders, classes and SQL identifiers: letters and digits, starting with a letter. */
export function assertValidName(input: string, what: string): string {
  const name = kebab(input);
  if (!/^[a-z][a-z0-9-]{0,63}$/.test(name) || RESERVED.has(name)) {
    throw new ScaffoldError('INVALID_NAME', `Invalid ${what} name "${input}": use letters, digits and dashes, starting with a letter`);
  }
  return name;
}
