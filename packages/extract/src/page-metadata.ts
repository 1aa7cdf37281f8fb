import type { ParsedPage } from './html-tree.js';

export interface PageMetadata {
  title: string | undefined;
  lang: string | undefined;
  date: string | undefined;
  author: string | undefined;
}

function first(page: ParsedPage, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = page.meta.get(key)?.replace(/\s+/g, ' ').trim();
    if (value) return value;
  }
  return undefined;
}

/** A JSON-LD field ("datePublished", "author.name") from the page's structured data, when it parses. */
function fromJsonLd(page: ParsedPage, field: 'datePublished' | 'author'): string | undefined {
  for (const block of page.jsonLd) {
    let data: unknown;
    try {
      data = JSON.parse(block);
    } catch {
      continue;
    }
    const items = Array.isArray(data) ? data : [data, ...(((data as Record<string, unknown>)?.['@graph'] as unknown[]) ?? [])];
    for (const item of items) {
      if (!item || typeof item !== 'object') continue;
      const value = (item as Record<string, unknown>)[field];
      if (typeof value === 'string' && value.trim()) return value.trim();
      const named = Array.isArray(value) ? value[0] : value;
      if (named && typeof named === 'object' && typeof (named as Record<string, unknown>).name === 'string')
        return ((named as Record<string, unknown>).name as string).trim();
    }
  }
  return undefined;
}

/**
 * Title, language, publication date and author from what pages declare: Open Graph and article
 * meta tags, Dublin Core, schema.org JSON-LD and itemprops, <html lang> and <time datetime>.
 */
export function pageMetadata(page: ParsedPage): PageMetadata {
  const title = first(page, ['og:title', 'twitter:title', 'dc.title', 'headline']) ?? (page.title || undefined);
  const lang = (page.htmlLang?.trim() || first(page, ['content-language', 'dc.language', 'og:locale']))?.replace('_', '-').split(/[,\s]/)[0];
  const date =
    first(page, [
      'article:published_time',
      'og:published_time',
      'datepublished',
      'dc.date',
      'dc.date.issued',
      'date',
      'pubdate',
      'publishdate',
      'sailthru.date',
      'parsely-pub-date',
    ]) ??
    fromJsonLd(page, 'datePublished') ??
    page.times[0];
  let author = first(page, ['author', 'article:author', 'dc.creator', 'parsely-author', 'sailthru.author', 'byl']) ?? fromJsonLd(page, 'author');
  if (author && /^https?:\/\//.test(author)) author = undefined; // a profile URL, not a name
  return { title, lang: lang || undefined, date: date?.trim() || undefined, author };
}
