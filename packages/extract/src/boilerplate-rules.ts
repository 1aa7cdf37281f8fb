import { HEADING_TAGS } from './html-tree.js';

/**
 * What marks an element as page furniture rather than content: its tag, or words in its class, id,
 * role or itemprop. The lists follow trafilatura's discard XPaths and readability's "unlikely
 * candidates" (navigation, headers, footers, sidebars, share and social widgets, cookie and
 * newsletter banners, related links, breadcrumbs, pagination, advertising), not any one site.
 */
export const BOILERPLATE_TAGS = new Set([
  'nav',
  'aside',
  'footer',
  'figcaption',
  'button',
  'select',
  'option',
  'textarea',
  'input',
  'label',
  'dialog',
  'menu',
  'menuitem',
  'fieldset',
  'legend',
]);

export const BOILERPLATE_NAMES =
  /(?:^|[\s_-])(?:nav|navbar|navigation|menu|menus|submenu|footer|foot|masthead|site-?header|page-?header|top-?header|header-?(?:top|bar|wrap|wrapper|nav|menu|area|container|outside)|sidebar|side-?bar|breadcrumbs?|crumbs?|pagination|pager|paging|share|shares|sharing|social|socials|sociallinks|follow|cookie|cookies|consent|gdpr|banner|advert\w*|ad-?slot|sponsor\w*|promo\w*|newsletter|subscribe|subscription|signup|sign-up|login|popup|modal|overlay|related|recommend\w*|more-?stories|teaser-?list|tags?|tag-?list|tagcloud|keywords|categories|toolbar|tools|skip|skiplink|jump|rating|ratings|vote|votes|byline|author-?bio|about-?the-?author|copyright|legal|disclaimer|visually-?hidden|sr-only|screen-?reader-?text|offscreen|caption|credits?|lightbox|slider|carousel|ticker|outbrain|taboola|trending|popular|most-?read|latest|archive|calendar|search|searchform|contact-?info|site-?info|sitemap|meta|postmeta|post-?meta|entry-?meta|article-?meta|date|dateline|timestamp|published|print-?only|noprint|reply|replies|respond|discussion)(?:$|[\s_-])/;

/** Comment threads: kept only with include_comments. */
export const COMMENT_NAMES =
  /(?:^|[\s_-])(?:comments?|commentlist|comment-?list|disqus\w*|respond|replies|discussion|user-?comments|kommentare?|commentaires?)(?:$|[\s_-])/;

/** Words that mark the main content container (readability's and trafilatura's positive hints). */
export const CONTENT_NAMES =
  /(?:^|[\s_-])(?:article|articles|articlebody|article-?body|article-?content|article-?text|body-?text|content|main|main-?content|post|post-?body|post-?content|post-?text|entry|entry-?content|entry-?body|story|story-?body|story-?content|text|blog-?post|page-?content|single|hentry|td-post-content|field-?body|rich-?text|prose)(?:$|[\s_-])/;

/** Block-level elements: each starts a new paragraph in the output. */
export const BLOCK_TAGS = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'header',
  'footer',
  'aside',
  'nav',
  'blockquote',
  'pre',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  ...HEADING_TAGS,
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'td',
  'th',
  'caption',
  'figure',
  'figcaption',
  'form',
  'address',
  'center',
  'details',
  'summary',
  'hr',
  'br',
  'hgroup',
  'fieldset',
  'body',
  'html',
  'noscript',
  'option',
  'legend',
  'frameset',
]);

/** Whether an element is hidden from readers by its attributes. */
export function isHidden(attrs: Record<string, string> | undefined): boolean {
  if (!attrs) return false;
  if (attrs.hidden !== undefined || attrs['aria-hidden'] === 'true') return true;
  const style = attrs.style;
  return style !== undefined && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style);
}
