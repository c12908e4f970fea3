/**
 * String methods whose result is still the text they are called on, in another shape (`q.trim()`,
 * `name.toLowerCase()`, `parts.join('/')`). The summary records the references a text is made of
 * through them, and taint follows calls through them: one list, so the two agree.
 */
export const TEXT_KEEPING_METHODS: ReadonlySet<string> = new Set(['trim', 'trimStart', 'trimEnd', 'toLowerCase', 'toUpperCase', 'slice', 'substring', 'substr', 'padStart', 'padEnd', 'concat', 'toString', 'normalize', 'repeat', 'join', 'at']);
