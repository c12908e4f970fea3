/**
 * Slugs are derived from the title plus a fragment of the article id: two articles with the same
 * title never collide, and the slug stays stable across edits that keep the title.
 */
export function slugFor(title: string, articleId: string): string {
  const base = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  const suffix = articleId.replace(/-/g, '').slice(0, 8);
  return `${base || 'article'}-${suffix}`;
}
