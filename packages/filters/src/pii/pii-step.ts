import { documentStep, type DocumentStep } from '@anneal/core';
import { findCreditCards } from './credit-cards.js';
import { findEmails } from './email-addresses.js';
import { findIpv4, findIpv6 } from './ip-addresses.js';
import { replaceMatches, type PiiMatch } from './pii-match.js';
import { findPhones } from './phone-numbers.js';
import { DEFAULT_PII_OPTIONS, type PiiOptions } from './pii-options.js';

/** The kinds, in the order they are replaced (e-mail first: an address may hold digits that look like a phone number). */
export const PII_KINDS = ['email', 'credit_card', 'ipv6', 'ipv4', 'phone'] as const;
export type PiiKindName = (typeof PII_KINDS)[number];

/** Finds the PII of every enabled kind; exported for the labeled-set measurement. */
export function findPii(text: string, options: PiiOptions = DEFAULT_PII_OPTIONS): Record<PiiKindName, PiiMatch[]> {
  return {
    email: options.email.enabled ? findEmails(text) : [],
    credit_card: options.credit_card.enabled ? findCreditCards(text) : [],
    ipv6: options.ip.enabled ? findIpv6(text, options.ip) : [],
    ipv4: options.ip.enabled ? findIpv4(text, options.ip) : [],
    phone: options.phone.enabled ? findPhones(text) : [],
  };
}

/**
 * Pipeline step `pii`: replaces e-mail addresses, IPv4 / IPv6 addresses, phone numbers and
 * payment card numbers (Luhn-checked). Counts per kind go to stats.json (`counts`), and a document
 * that had any gets `metadata.pii` ({ kind: count }). Never drops a document.
 */
export function piiStep(options: Partial<PiiOptions> = {}): DocumentStep {
  const o: PiiOptions = { ...DEFAULT_PII_OPTIONS, ...options };
  const replacement: Record<PiiKindName, string> = {
    email: o.email.replacement,
    credit_card: o.credit_card.replacement,
    ipv6: o.ip.replacement_v6,
    ipv4: o.ip.replacement_v4,
    phone: o.phone.replacement,
  };
  const enabled: Record<PiiKindName, boolean> = {
    email: o.email.enabled,
    credit_card: o.credit_card.enabled,
    ipv6: o.ip.enabled,
    ipv4: o.ip.enabled,
    phone: o.phone.enabled,
  };
  const finders: Record<PiiKindName, (text: string) => PiiMatch[]> = {
    email: findEmails,
    credit_card: findCreditCards,
    ipv6: (t) => findIpv6(t, o.ip),
    ipv4: (t) => findIpv4(t, o.ip),
    phone: findPhones,
  };
  return documentStep('pii', (doc, ctx) => {
    let text = doc.text;
    const found: Partial<Record<PiiKindName, number>> = {};
    // one kind at a time, each on the text the previous ones left, so a replacement is never cut by a later match
    for (const kind of PII_KINDS) {
      if (!enabled[kind]) continue;
      const matches = finders[kind](text);
      if (matches.length === 0) continue;
      text = replaceMatches(text, matches, replacement[kind]);
      found[kind] = matches.length;
      ctx?.count?.(kind, matches.length);
    }
    if (text === doc.text) return doc;
    return { ...doc, text, metadata: { ...doc.metadata, pii: found } };
  });
}
