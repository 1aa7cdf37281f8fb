/**
 * Medium-quality web pages: the main text wrapped in what a crawler picks up around it (navigation,
 * cookie banners, related posts, comments, share buttons, footers).
 */
import { pickN, weighted } from './random-choice.mjs';
import { fill } from './template-fill.mjs';
import { personName, dateString } from './people-and-dates.mjs';
import { topicVars, COPYRIGHT, NAV, siteName, pageTitle, webContent } from './web-page.mjs';
import { loadWordTable } from './word-tables.mjs';

const { COOKIE_LINES, NEWSLETTER_LINES, FOOTER_LINES, SHARE_LINES } = loadWordTable('web-boilerplate');

export function webMedium(rng, topic) {
  const vars = topicVars(rng, topic);
  const site = siteName(rng, topic);
  const style = weighted(rng, [
    ['boilerplate', 4],
    ['related', 3],
    ['comments', 3],
  ]);
  const { title, blocks } = webContent(rng, topic, vars, rng.chance(0.5) ? 'short' : 'long');
  const top = [];
  const bottom = [];
  if (rng.chance(0.7)) top.push(NAV(rng, site, topic, title));
  if (rng.chance(0.5)) top.push(rng.pick(COOKIE_LINES));
  top.push(title);
  if (rng.chance(0.6)) top.push(`Posted by ${personName(rng)} on ${dateString(rng)}`);
  if (style === 'related') {
    const n = rng.int(3, 6);
    const rel = ['Related posts:'];
    for (let i = 0; i < n; i++) rel.push(pageTitle(rng, vars));
    bottom.push(rel.join('\n'));
  } else if (style === 'comments') {
    const n = rng.int(2, 5);
    const cs = [`${n} comments`];
    for (let i = 0; i < n; i++) {
      cs.push(`${personName(rng)} says:`);
      cs.push(
        rng.pick([
          'Great post, thanks for sharing!',
          'This was really helpful.',
          `I tried this ${rng.pick(topic.ctx)} and it worked well.`,
          'Thanks! Bookmarked for later.',
          `Could you write more about ${rng.pick(topic.things)}?`,
          'Reply',
        ]),
      );
    }
    cs.push('Leave a Reply', 'Your email address will not be published. Required fields are marked *');
    bottom.push(cs.join('\n'));
  }
  const footer = [];
  if (rng.chance(0.6)) footer.push(rng.pick(SHARE_LINES));
  if (rng.chance(0.4)) footer.push(`Tags: ${pickN(rng, [...topic.things, topic.name], 3).join(', ')}`);
  if (rng.chance(0.6)) footer.push(fill(rng, rng.pick(NEWSLETTER_LINES), vars));
  footer.push(rng.pick(FOOTER_LINES));
  footer.push(COPYRIGHT(rng, site));
  bottom.push(footer.join('\n'));
  return { text: [top.join('\n'), ...blocks, ...bottom].join('\n\n'), kind: style };
}
