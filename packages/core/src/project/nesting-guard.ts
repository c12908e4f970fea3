/**
 * oxc-parser recurses on the native stack: one file nesting a few thousand levels (parentheses,
 * template substitutions, generics, arrow or ternary chains, `if` without braces, long unary or
 * binary chains) overflows it and kills the process with a segmentation fault, before any error can
 * be caught. This scan estimates the depth of the syntax tree without parsing, so such a file is
 * reported instead of parsed.
 *
 * Measured on Node 20 in a parser thread (4 MB stack): 2,000 template substitutions, 2,150 generic
 * arguments or 2,930 parentheses overflow; arrows at 4,000, nested `if` at 3,200, `!` at 14,000,
 * `+` at 31,000, member accesses at 84,000. Weights scale each token to a parenthesis, and the
 * limit sits at half the smallest crash, far above any hand-written code.
 */
export const MAX_NESTING_SCORE = 1_500;

export interface NestingReport {
  score: number;
  line: number;
  column: number;
  message: string;
}

/** Weight of a token that deepens the tree without a bracket, per the measurements above. */
const CHAIN = 1;
const OPERATOR = 0.2;
const ACCESS = 0.05;
/** A template substitution costs about one and a half parentheses. */
const SUBSTITUTION = 2;

const isIdentifierChar = (c: string | undefined): boolean =>
  c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c === '_' || c === '$');
/** Words that, starting a line, continue the expression above rather than begin a statement. */
const CONTINUING_WORDS = new Set(['else', 'instanceof', 'in', 'as', 'satisfies', 'extends', 'implements']);
/** A parenthesised group after these is a statement head: the statement goes on past the newline. */
const STATEMENT_HEADS = new Set(['if', 'while', 'for', 'with']);
/** Characters that can end an expression, so a newline after them may end the statement (ASI). */
const EXPRESSION_END = new Set([...')]}\'"`/a']);
/** After these, `/` starts a regular expression rather than a division. */
const REGEX_PRECEDER = new Set([...'(,=:[!&|?{};+-*%<>~^']);
const REGEX_KEYWORDS = new Set(['return', 'typeof', 'case', 'do', 'else', 'in', 'of', 'new', 'delete', 'void', 'throw', 'yield', 'await']);
const CHAIN_KEYWORDS = new Set(['if', 'else']);
const OPERATOR_KEYWORDS = new Set(['new', 'await', 'typeof', 'void', 'delete', 'yield']);
const OPERATOR_CHARS = new Set([...'!~+-*/%&|^>']);

interface Frame {
  /** What the frame itself costs: a bracket or a template substitution. */
  weight: number;
  /** Chain tokens since the last `,` or `;` inside this frame. */
  chain: number;
  closesTemplate: boolean;
  brace: boolean;
  /** The word before an opening parenthesis (`if`, `foo`), to tell a statement head from a call. */
  opener: string;
}

/** Returns a report when `text` nests deeper than the parser can safely take, else undefined. */
export function excessiveNesting(text: string, limit = MAX_NESTING_SCORE): NestingReport | undefined {
  const frames: Frame[] = [{ weight: 0, chain: 0, closesTemplate: false, brace: false, opener: '' }];
  let total = 0;
  let line = 1;
  let lineStart = 0;
  let previous = ''; // the last significant character outside strings and comments
  let word = ''; // the last identifier, for keyword checks
  let closedGroupOpener = ''; // the opener of the last closed parenthesis, when `previous` is `)`
  const length = text.length;

  const add = (weight: number, at: number): NestingReport | undefined => {
    frames[frames.length - 1]!.chain += weight;
    total += weight;
    return total > limit ? report(at) : undefined;
  };
  const report = (at: number): NestingReport => ({
    score: Math.round(total),
    line,
    column: at - lineStart + 1,
    message: `File nests more than ${limit} levels deep (brackets, template substitutions or chained expressions), more than the parser can take without overflowing its stack; it was not analysed.`,
  });
  const resetChain = () => {
    const frame = frames[frames.length - 1]!;
    total -= frame.chain;
    frame.chain = 0;
  };
  /** Skips a template literal's text from `from` (just past a backtick or `}`); returns the index after it, having pushed a frame on `${`. */
  const skipTemplate = (from: number): number => {
    for (let i = from; i < length; i += 1) {
      const c = text[i];
      if (c === '\\') i += 1;
      else if (c === '\n') {
        line += 1;
        lineStart = i + 1;
      } else if (c === '`') return i + 1;
      else if (c === '$' && text[i + 1] === '{') {
        frames.push({ weight: SUBSTITUTION, chain: 0, closesTemplate: true, brace: true, opener: '' });
        total += SUBSTITUTION;
        return i + 2;
      }
    }
    return length;
  };

  let i = 0;
  while (i < length) {
    const c = text[i]!;
    const next = text[i + 1];
    if (c === '\n') {
      // Code without semicolons ends statements at line breaks: reset where ASI would.
      if (EXPRESSION_END.has(previous) && !CONTINUING_WORDS.has(word) && !(previous === ')' && STATEMENT_HEADS.has(closedGroupOpener)) && nextLineStartsStatement(text, i + 1)) {
        resetChain();
      }
      line += 1;
      lineStart = i + 1;
      i += 1;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') {
      i += 1;
      continue;
    }
    if (c === '/' && next === '/') {
      const end = text.indexOf('\n', i);
      i = end === -1 ? length : end;
      continue;
    }
    if (c === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end === -1 ? length : end + 2;
      for (let j = i; j < stop; j += 1) if (text[j] === '\n') ((line += 1), (lineStart = j + 1));
      i = stop;
      continue;
    }
    if (c === '"' || c === "'") {
      // A quoted string cannot span lines, so a misread quote costs at most the rest of one line.
      let j = i + 1;
      while (j < length && text[j] !== c && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      i = j < length && text[j] === c ? j + 1 : j;
      previous = c;
      word = '';
      continue;
    }
    if (c === '`') {
      i = skipTemplate(i + 1);
      previous = '`';
      word = '';
      if (total > limit) return report(i);
      continue;
    }
    if (c === '/' && (previous === '' || REGEX_PRECEDER.has(previous) || REGEX_KEYWORDS.has(word))) {
      let j = i + 1;
      let inClass = false;
      while (j < length && text[j] !== '\n' && (inClass || text[j] !== '/')) {
        if (text[j] === '\\') j += 1;
        else if (text[j] === '[') inClass = true;
        else if (text[j] === ']') inClass = false;
        j += 1;
      }
      i = j + 1;
      previous = '/';
      word = '';
      continue;
    }
    if (isIdentifierChar(c)) {
      let j = i + 1;
      while (j < length && isIdentifierChar(text[j])) j += 1;
      word = text.slice(i, j);
      previous = 'a';
      const found = CHAIN_KEYWORDS.has(word) ? add(CHAIN, i) : OPERATOR_KEYWORDS.has(word) ? add(OPERATOR, i) : undefined;
      if (found) return found;
      i = j;
      continue;
    }
    const opener = word;
    word = '';
    let found: NestingReport | undefined;
    if (c === '(' || c === '[' || c === '{') {
      found = add(ACCESS, i);
      frames.push({ weight: 1, chain: 0, closesTemplate: false, brace: c === '{', opener });
      total += 1;
      if (!found && total > limit) found = report(i);
    } else if (c === ')' || c === ']' || c === '}') {
      if (frames.length > 1) {
        const frame = frames.pop()!;
        total -= frame.weight + frame.chain;
        closedGroupOpener = frame.opener;
        if (frame.closesTemplate) {
          i = skipTemplate(i + 1);
          previous = '`';
          continue;
        }
        // A closed block ends its statement unless an expression or an `else` goes on after it.
        if (frame.brace && startsStatement(text, i + 1)) resetChain();
      }
    } else if (c === ';' || c === ',') {
      resetChain();
    } else if (c === '=' && next === '>') {
      found = add(CHAIN, i);
      i += 1;
    } else if (c === '?' && next !== '.' && next !== '?') {
      found = add(CHAIN, i);
    } else if (c === '<') {
      found = add(CHAIN, i);
    } else if (c === '=' && next !== '=' && !'=!<>'.includes(previous)) {
      found = add(CHAIN, i);
    } else if (c === '.') {
      found = add(ACCESS, i);
    } else if (OPERATOR_CHARS.has(c)) {
      found = add(OPERATOR, i);
    }
    if (found) return found;
    previous = c;
    i += 1;
  }
  return undefined;
}

/** True when the code after a closing brace begins a new statement (an identifier other than `else`, or nothing). */
function startsStatement(text: string, from: number): boolean {
  let i = from;
  while (i < text.length && isSpace(text[i]!)) i += 1;
  if (i >= text.length || text[i] === '}') return true;
  return startsWithStatementWord(text, i);
}

/** After a line break: the next non-blank line begins with a word that does not continue an expression. */
function nextLineStartsStatement(text: string, from: number): boolean {
  let i = from;
  while (i < text.length && isSpace(text[i]!)) i += 1;
  return i < text.length && startsWithStatementWord(text, i);
}

function startsWithStatementWord(text: string, at: number): boolean {
  let end = at;
  while (end < text.length && isIdentifierChar(text[end])) end += 1;
  return end > at && !CONTINUING_WORDS.has(text.slice(at, end));
}

const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';
