import { around, findAll, type PiiMatch } from './pii-match.js';

// local part and domain as RFC 5322 allows them in practice; the top-level domain is checked below
const EMAIL =
  /[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+([A-Za-z]{2,24})\b/g;

// Generic top-level domains seen in addresses; any two-letter one is a country's. A longer word
// after the last dot is taken for code (`x@w.shape`, matrix products), not a domain.
const GENERIC_TLDS = new Set(
  'com org net edu gov mil int info biz name pro mobi app dev io ai co xyz online site tech store blog email cloud museum aero coop jobs travel club shop live news page link space website today world top agency digital media group email host systems solutions'.split(
    ' ',
  ),
);

// RFC 2606 / 6761 names, which stand for no one (and are this step's own replacement)
const RESERVED_DOMAIN = /(^|\.)(example\.(com|org|net)|[^.]+\.(example|test|invalid|localhost))$/i;

/** E-mail addresses, leaving out reserved example domains and code that only looks like one. */
export function findEmails(text: string): PiiMatch[] {
  if (!text.includes('@')) return [];
  return findAll(text, EMAIL, (m, t) => {
    const tld = m[1]!.toLowerCase();
    if (tld.length !== 2 && !GENERIC_TLDS.has(tld)) return false;
    const domain = m[0].slice(m[0].indexOf('@') + 1);
    if (RESERVED_DOMAIN.test(domain)) return false;
    // a method call or attribute right after (`a@b.co(`) is code
    const { after } = around(t, m, 1);
    return after !== '(';
  });
}
