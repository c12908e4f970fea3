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

// Character codes: the scan runs on every file before it is parsed, so it compares numbers, not
// one-character strings, and makes a string of a word only when it is short enough to be a keyword.
const NL = 10, CR = 13, TAB = 9, SPACE = 32, SLASH = 47, STAR = 42, BACKSLASH = 92, BACKTICK = 96, DOLLAR = 36;
const DQUOTE = 34, SQUOTE = 39, LPAREN = 40, RPAREN = 41, LBRACKET = 91, RBRACKET = 93, LBRACE = 123, RBRACE = 125;
const SEMI = 59, COMMA = 44, EQ = 61, GT = 62, LT = 60, QUESTION = 63, DOT = 46;

const isIdentifierCode = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === DOLLAR;
const isIdentifierChar = (c: string | undefined): boolean => c !== undefined && isIdentifierCode(c.charCodeAt(0));
/** Longer words are never keywords: `implements` and `instanceof` have ten letters. */
const MAX_KEYWORD = 10;
/** Stands for any identifier too long to be a keyword. */
const LONG_WORD = '\u0000';
/** Words that, starting a line, continue the expression above rather than begin a statement. */
const CONTINUING_WORDS = new Set(['else', 'instanceof', 'in', 'as', 'satisfies', 'extends', 'implements']);
/** A parenthesised group after these is a statement head: the statement goes on past the newline. */
const STATEMENT_HEADS = new Set(['if', 'while', 'for', 'with']);
/** Characters that can end an expression, so a newline after them may end the statement (ASI); `a` stands for any identifier. */
const EXPRESSION_END = new Set([...')]}\'"`/a']);
/** After these, `/` starts a regular expression rather than a division. */
const REGEX_PRECEDER = new Set([...'(,=:[!&|?{};+-*%<>~^']);
const REGEX_KEYWORDS = new Set(['return', 'typeof', 'case', 'do', 'else', 'in', 'of', 'new', 'delete', 'void', 'throw', 'yield', 'await']);
const CHAIN_KEYWORDS = new Set(['if', 'else']);
const OPERATOR_KEYWORDS = new Set(['new', 'await', 'typeof', 'void', 'delete', 'yield']);
const OPERATOR_CODES = new Set([...'!~+-*/%&|^>'].map((c) => c.charCodeAt(0)));
/** `=` after these is part of `==`, `!=`, `<=`, `>=` (or starts the file): not counted as an assignment. */
const COMPARISON_PREFIX = new Set(['', '=', '!', '<', '>']);

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

/**
 * An upper bound on the score anywhere in the file, from one pass over its characters without
 * tokenising: every increment the scan could make, none of the decrements. Brackets count with their
 * access weight, `${` as a substitution, every `=`, `?` and `<` and every `if`/`else` as a chain
 * token, every operator character, and every `w`, `y`, `v` or `d` for the operator keywords (`new`,
 * `await`, `typeof`, `yield`, `void`, `delete` each hold one). Most files stay far under the limit, so
 * the full scan runs only on the few that do not.
 */
function scoreBound(text: string): number {
  let bound = 0;
  let before = 0;
  let twoBefore = 0;
  for (let i = 0, length = text.length; i < length; i += 1) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      bound += BOUND_WEIGHTS[c]!;
      // `if` and `else`: counted at their `f` and their final `e`.
      if ((c === 102 && before === 105) || (c === 101 && before === 115 && twoBefore === 108)) bound += CHAIN;
    }
    twoBefore = before;
    before = c;
  }
  return bound;
}

/** What each ASCII character can add to the score at most, for `scoreBound`. */
const BOUND_WEIGHTS = (() => {
  const weights = new Float64Array(128);
  for (const c of [LPAREN, LBRACKET, LBRACE]) weights[c] = 1 + ACCESS;
  weights[DOLLAR] = SUBSTITUTION;
  for (const c of [EQ, QUESTION, LT]) weights[c] = CHAIN;
  weights[DOT] = ACCESS;
  for (const c of [...OPERATOR_CODES, 119, 121, 118, 100]) weights[c] = OPERATOR;
  return weights;
})();

/** Returns a report when `text` nests deeper than the parser can safely take, else undefined. */
export function excessiveNesting(text: string, limit = MAX_NESTING_SCORE): NestingReport | undefined {
  return scoreBound(text) <= limit ? undefined : scan(text, limit);
}

/**
 * The full scan, for the few files the bound does not clear. A function of its own, apart from the
 * check every file runs: when the two were one function, V8 optimised the whole scanner (closures and
 * all) for every file's bound check and threw it away again whenever a file reached the scan, five
 * compilations of 65-145 ms each on novu (`--trace-opt`), about a tenth of the optimising compiler's work.
 */
function scan(text: string, limit: number): NestingReport | undefined {
  const frames: Frame[] = [{ weight: 0, chain: 0, closesTemplate: false, brace: false, opener: '' }];
  let total = 0;
  let line = 1;
  let lineStart = 0;
  let previous = ''; // the last significant character outside strings and comments ('a' for a word)
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
      const c = text.charCodeAt(i);
      if (c === BACKSLASH) i += 1;
      else if (c === NL) {
        line += 1;
        lineStart = i + 1;
      } else if (c === BACKTICK) return i + 1;
      else if (c === DOLLAR && text.charCodeAt(i + 1) === LBRACE) {
        frames.push({ weight: SUBSTITUTION, chain: 0, closesTemplate: true, brace: true, opener: '' });
        total += SUBSTITUTION;
        return i + 2;
      }
    }
    return length;
  };

  let i = 0;
  while (i < length) {
    const c = text.charCodeAt(i);
    if (c === SPACE || c === TAB || c === CR) {
      i += 1;
      continue;
    }
    if (isIdentifierCode(c)) {
      let j = i + 1;
      while (j < length && isIdentifierCode(text.charCodeAt(j))) j += 1;
      word = j - i <= MAX_KEYWORD ? text.slice(i, j) : LONG_WORD;
      previous = 'a';
      const found = CHAIN_KEYWORDS.has(word) ? add(CHAIN, i) : OPERATOR_KEYWORDS.has(word) ? add(OPERATOR, i) : undefined;
      if (found) return found;
      i = j;
      continue;
    }
    const next = text.charCodeAt(i + 1);
    if (c === NL) {
      // Code without semicolons ends statements at line breaks: reset where ASI would.
      if (EXPRESSION_END.has(previous) && !CONTINUING_WORDS.has(word) && !(previous === ')' && STATEMENT_HEADS.has(closedGroupOpener)) && nextLineStartsStatement(text, i + 1)) {
        resetChain();
      }
      line += 1;
      lineStart = i + 1;
      i += 1;
      continue;
    }
    if (c === SLASH && next === SLASH) {
      const end = text.indexOf('\n', i);
      i = end === -1 ? length : end;
      continue;
    }
    if (c === SLASH && next === STAR) {
      const end = text.indexOf('*/', i + 2);
      const stop = end === -1 ? length : end + 2;
      for (let j = text.indexOf('\n', i); j !== -1 && j < stop; j = text.indexOf('\n', j + 1)) ((line += 1), (lineStart = j + 1));
      i = stop;
      continue;
    }
    if (c === DQUOTE || c === SQUOTE) {
      // A quoted string cannot span lines, so a misread quote costs at most the rest of one line.
      let j = i + 1;
      while (j < length) {
        const d = text.charCodeAt(j);
        if (d === c || d === NL) break;
        j += d === BACKSLASH ? 2 : 1;
      }
      i = j < length && text.charCodeAt(j) === c ? j + 1 : j;
      previous = c === DQUOTE ? '"' : "'";
      word = '';
      continue;
    }
    if (c === BACKTICK) {
      i = skipTemplate(i + 1);
      previous = '`';
      word = '';
      if (total > limit) return report(i);
      continue;
    }
    if (c === SLASH && (previous === '' || REGEX_PRECEDER.has(previous) || REGEX_KEYWORDS.has(word))) {
      let j = i + 1;
      let inClass = false;
      while (j < length) {
        const d = text.charCodeAt(j);
        if (d === NL || (!inClass && d === SLASH)) break;
        if (d === BACKSLASH) j += 1;
        else if (d === LBRACKET) inClass = true;
        else if (d === RBRACKET) inClass = false;
        j += 1;
      }
      i = j + 1;
      previous = '/';
      word = '';
      continue;
    }
    const opener = word;
    word = '';
    let found: NestingReport | undefined;
    if (c === LPAREN || c === LBRACKET || c === LBRACE) {
      found = add(ACCESS, i);
      frames.push({ weight: 1, chain: 0, closesTemplate: false, brace: c === LBRACE, opener });
      total += 1;
      if (!found && total > limit) found = report(i);
    } else if (c === RPAREN || c === RBRACKET || c === RBRACE) {
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
    } else if (c === SEMI || c === COMMA) {
      resetChain();
    } else if (c === EQ && next === GT) {
      found = add(CHAIN, i);
      i += 1;
    } else if (c === QUESTION && next !== DOT && next !== QUESTION) {
      found = add(CHAIN, i);
    } else if (c === LT) {
      found = add(CHAIN, i);
    } else if (c === EQ && next !== EQ && !COMPARISON_PREFIX.has(previous)) {
      found = add(CHAIN, i);
    } else if (c === DOT) {
      found = add(ACCESS, i);
    } else if (OPERATOR_CODES.has(c)) {
      found = add(OPERATOR, i);
    }
    if (found) return found;
    previous = text[i]!;
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
