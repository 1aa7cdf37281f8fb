/**
 * High-quality web pages: a title, an optional byline and the main text, nothing else.
 */
import { personName, dateString } from './people-and-dates.mjs';
import { topicVars, webContent } from './web-page.mjs';

export function webHigh(rng, topic) {
  const vars = topicVars(rng, topic);
  const { title, blocks, genre } = webContent(rng, topic, vars, 'long');
  const head = [title];
  if (rng.chance(0.3)) head.push(`By ${personName(rng)}, ${dateString(rng)}`);
  return { text: [head.join('\n'), ...blocks].join('\n\n'), kind: genre };
}
