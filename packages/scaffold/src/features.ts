/** Optional parts of the template, switched by `strata new --cqrs/--no-cqrs`, `--queue/--no-queue`. */
export type Feature = 'cqrs' | 'queue';
export const FEATURES: readonly Feature[] = ['cqrs', 'queue'];

// `// strata:…` in code, `<!-- strata:… -->` in Markdown.
const MARKER = /^\s*(?:\/\/|<!--) strata:([a-z-]+):(on|end|off)(?: (.*?))?(?: -->)?$/;

/** Files whose feature markers are resolved; other files are copied verbatim. */
export const MARKED_FILE = /\.(ts|md)$/;

/**
 * Resolves the feature markers of one source file:
 *   `// strata:<f>:on` … `// strata:<f>:end`  kept when <f> is enabled, dropped otherwise;
 *   `// strata:<f>:off <code>`                 becomes `<code>` when <f> is disabled, dropped otherwise.
 * Marker lines never reach the generated project. Lines outside markers are untouched, so the
 * template itself stays a runnable project with every feature on.
 */
export function applyFeatureMarkers(source: string, enabled: ReadonlySet<string>): string {
  const out: string[] = [];
  const open: { feature: string; keep: boolean }[] = [];
  for (const line of source.split('\n')) {
    const marker = MARKER.exec(line);
    if (marker) {
      const [, feature = '', kind, code] = marker;
      if (kind === 'on') open.push({ feature, keep: enabled.has(feature) });
      else if (kind === 'end') {
        if (open.pop()?.feature !== feature) throw new Error(`Unbalanced strata:${feature}:end marker`);
      } else if (!enabled.has(feature) && open.every((block) => block.keep) && code !== undefined) {
        const indent = /^\s*/.exec(line)?.[0] ?? '';
        out.push(indent + code);
      }
      continue;
    }
    if (open.every((block) => block.keep)) out.push(line);
  }
  if (open.length > 0) throw new Error(`Unclosed strata:${open.at(-1)?.feature}:on marker`);
  return out.join('\n');
}
