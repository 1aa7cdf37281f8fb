/**
 * Translates a regular expression written for Oniguruma (what Rust/Python `tokenizers` compile a
 * tokenizer.json `Regex` with, Ruby syntax, UTF-8) into an equivalent JavaScript `u`-flag RegExp.
 * The two engines agree on backtracking order (leftmost, first alternative), so a faithful
 * translation of each construct gives the same matches. Where they differ in meaning:
 *
 *  - `\s` is Unicode White_Space in Oniguruma (U+0085 yes, U+FEFF no); JS `\s` differs on both;
 *  - `\d` is Unicode in Oniguruma, ASCII in JS; Oniguruma's `\w` matches neither Unicode's word
 *    characters nor JS's (tokenizers' Oniguruma takes ² but not U+16941 BAMUM LETTER), so it is refused;
 *  - `.` excludes only `\n` in Oniguruma; `^`/`$` are always line anchors (Ruby syntax);
 *  - `(?i:...)` (no inline modifiers in Node 20): literal letters become classes of their
 *    case-fold equivalents, found by asking the JS engine (`/x/iu`), e.g. `s` → `[sSſ]`;
 *  - possessive `*+ ++ ?+` and atomic `(?>...)` become `(?=(?<aN>...))\k<aN>`, which cannot be
 *    backtracked into: the same semantics;
 *  - `\p{Han}`-style script names become `\p{Script=Han}`; capture groups become non-capturing
 *    (`tokenizers` only uses whole matches).
 *
 * Constructs with no faithful translation here (`\b`, back-references, nested classes, POSIX
 * brackets, other inline options) are refused with the reason, never approximated.
 */
export class UnsupportedRegexError extends Error {}

/** escapes that mean the same single class in both engines after translation (outside or inside []) */
const CLASS_ESCAPES: Record<string, string> = { s: '\\p{White_Space}', S: '\\P{White_Space}', d: '\\p{Nd}', D: '\\P{Nd}', h: '0-9a-fA-F' };
const CONTROL_ESCAPES: Record<string, string> = { n: '\\n', r: '\\r', t: '\\t', f: '\\f', v: '\\v', a: '\\x07', e: '\\x1b', '0': '\\0' };
const SYNTAX = new Set('^$\\.*+?()[]{}|/'.split(''));

const foldCache = new Map<string, string[]>();

/**
 * Strings that one character folds to under full case folding ("ss" for ß, "fi" for ﬁ, ...):
 * Oniguruma's (?i) matches them across character counts, which a JS class cannot express.
 * Computed on the first (?i) pattern, in every thread that translates one: the BMP is uppercased a
 * block of 256 characters at a time, and only a block that comes out with more code points than it
 * went in with (no character uppercases to none) is looked at character by character (25 ms for
 * 65k single-character calls, 2 ms this way).
 */
let multiCharacterFolds: string[] | undefined;
function multiCharacterFoldsOf(): string[] {
  if (multiCharacterFolds === undefined) {
    const out = new Set<string>();
    const bmp = everyBmpCharacter(); // no surrogates: one code unit per character
    for (let from = 0; from < bmp.length; from += FOLD_BLOCK) {
      const block = bmp.slice(from, from + FOLD_BLOCK);
      if (codePointCount(block.toUpperCase()) === block.length) continue;
      for (const ch of block) {
        const upper = ch.toUpperCase();
        if (codePointCount(upper) > 1) out.add(upper.toLowerCase());
      }
    }
    multiCharacterFolds = [...out];
  }
  return multiCharacterFolds;
}

const FOLD_BLOCK = 256;

function codePointCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff || i + 1 === s.length) n++;
    else {
      const next = s.charCodeAt(i + 1);
      n++;
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
  }
  return n;
}

/** Every character of the Basic Multilingual Plane but the surrogates, in code point order, once. */
let bmpText: string | undefined;
function everyBmpCharacter(): string {
  if (bmpText === undefined) {
    const units: number[] = [];
    for (let c = 0; c < 0x10000; c++) if (c < 0xd800 || c > 0xdfff) units.push(c);
    const chunks: string[] = [];
    for (let k = 0; k < units.length; k += 8192) chunks.push(String.fromCharCode(...units.slice(k, k + 8192)));
    bmpText = chunks.join('');
  }
  return bmpText;
}

/**
 * Every code point the JS engine takes as case-insensitively equal to `ch` (ch included): one
 * case-insensitive search of the whole BMP in the regex engine (not one test per code point,
 * 65k calls per letter: 38 ms for Llama 3's pattern, in every thread).
 */
function caseVariants(ch: string): string[] {
  let v = foldCache.get(ch);
  if (v === undefined) {
    v = [ch];
    if (ch.toLowerCase() !== ch.toUpperCase() || /\p{L}/u.test(ch)) {
      for (const m of everyBmpCharacter().matchAll(new RegExp(escapeLiteral(ch, false), 'giu'))) if (m[0] !== ch) v.push(m[0]);
    }
    foldCache.set(ch, v);
  }
  return v;
}

function escapeLiteral(ch: string, inClass: boolean): string {
  if (SYNTAX.has(ch) || (inClass && ch === '-')) return '\\' + ch;
  const cp = ch.codePointAt(0)!;
  if (cp < 0x20 || cp === 0x7f) return `\\x${cp.toString(16).padStart(2, '0')}`;
  return ch;
}

function propertyEscape(negated: boolean, name: string, where: number): string {
  const letter = negated ? 'P' : 'p';
  let n = name;
  if (n.startsWith('^')) {
    negated = !negated;
    n = n.slice(1);
  }
  const l = negated ? 'P' : 'p';
  for (const candidate of [`\\${l}{${n}}`, `\\${l}{Script=${n}}`]) {
    try {
      new RegExp(candidate, 'u');
      return candidate;
    } catch {
      // try the next spelling
    }
  }
  throw new UnsupportedRegexError(`\\${letter}{${name}} at ${where}: unknown Unicode property`);
}

/**
 * Patterns translated in this thread. A worker thread is given the main thread's
 * (portable-tokenizer.ts), so it does not work out case folds again (30 ms for Llama 3's pattern).
 */
const translations = new Map<string, string>();

/** The JavaScript source (for flags `gu`) of Oniguruma pattern `pattern`. */
export function translateOnigurumaRegex(pattern: string): string {
  let js = translations.get(pattern);
  if (js === undefined) {
    js = translate(pattern);
    translations.set(pattern, js);
  }
  return js;
}

/** Every translation this thread has made, as [Oniguruma pattern, JavaScript source]. */
export function regexTranslations(): [string, string][] {
  return [...translations];
}

/** Takes translations another thread made (the same code, so the same results) as this thread's own. */
export function rememberRegexTranslations(made: readonly [string, string][]): void {
  for (const [pattern, js] of made) translations.set(pattern, js);
}

function translate(pattern: string): string {
  let out = '';
  let i = 0;
  let atomCount = 0;
  /** output offset where the last complete atom starts (for possessive quantifiers) */
  let lastAtom = -1;
  /** per open group: [output offset of its start, case-insensitive before it, wrap kind] */
  const groups: { start: number; ignoreCaseBefore: boolean; atomic: boolean }[] = [];
  let ignoreCase = false;
  /** the literal characters just emitted under (?i), to catch multi-character folds like "ss" */
  let foldRun = '';
  const fail = (why: string): never => {
    throw new UnsupportedRegexError(`${why} at offset ${i}`);
  };
  const atomic = (from: number) => {
    const name = `a${atomCount++}`;
    out = `${out.slice(0, from)}(?=(?<${name}>${out.slice(from)}))\\k<${name}>`;
  };

  while (i < pattern.length) {
    const ch = String.fromCodePoint(pattern.codePointAt(i)!);
    const runBefore = foldRun;
    foldRun = '';
    if (ch === '\\') {
      const start = out.length;
      out += translateEscape(false);
      lastAtom = start;
      continue;
    }
    if (ch === '[') {
      lastAtom = out.length;
      out += charClass();
      continue;
    }
    if (ch === '(') {
      if (pattern.startsWith('(?#', i)) {
        const close = pattern.indexOf(')', i);
        if (close < 0) fail('unterminated comment');
        i = close + 1;
        continue;
      }
      const groupStart = out.length;
      const before = ignoreCase;
      let isAtomic = false;
      let m: RegExpExecArray | null;
      if (pattern.startsWith('(?:', i) || pattern.startsWith('(?=', i) || pattern.startsWith('(?!', i)) {
        out += pattern.slice(i, i + 3);
        i += 3;
      } else if (pattern.startsWith('(?<=', i) || pattern.startsWith('(?<!', i)) {
        out += pattern.slice(i, i + 4);
        i += 4;
      } else if (pattern.startsWith('(?>', i)) {
        out += '(?:';
        isAtomic = true;
        i += 3;
      } else if ((m = /^\(\?<[A-Za-z_]\w*>/.exec(pattern.slice(i))) || (m = /^\(\?'[A-Za-z_]\w*'/.exec(pattern.slice(i)))) {
        out += '(?:';
        i += m[0].length;
      } else if ((m = /^\(\?(-?)i(:|\))/.exec(pattern.slice(i)))) {
        const on = m[1] === '';
        i += m[0].length;
        if (m[2] === ')') {
          // (?i) to the end of the enclosing group
          ignoreCase = on;
          continue;
        }
        out += '(?:';
        ignoreCase = on;
      } else if (pattern.startsWith('(?', i)) {
        return fail(`group ${JSON.stringify(pattern.slice(i, i + 4))} (inline options other than i, conditionals, absent operators)`);
      } else {
        out += '(?:';
        i += 1;
      }
      groups.push({ start: groupStart, ignoreCaseBefore: before, atomic: isAtomic });
      lastAtom = -1;
      continue;
    }
    if (ch === ')') {
      const g = groups.pop();
      if (!g) fail('unbalanced )');
      out += ')';
      i += 1;
      ignoreCase = g!.ignoreCaseBefore;
      if (g!.atomic) atomic(g!.start);
      lastAtom = g!.start;
      continue;
    }
    if (ch === '*' || ch === '+' || ch === '?' || ch === '{') {
      let q = ch;
      if (ch === '{') {
        const m = /^\{(\d*)(,?)(\d*)\}/.exec(pattern.slice(i));
        if (!m || (m[1] === '' && m[3] === '')) {
          out += '\\{';
          i += 1;
          lastAtom = out.length - 2;
          continue;
        }
        q = `{${m[1] === '' ? '0' : m[1]}${m[2]}${m[3]}}`;
        i += m[0].length;
      } else i += 1;
      if (lastAtom < 0) fail(`quantifier ${q} with nothing to repeat`);
      if (pattern[i] === '?') {
        q += '?';
        i += 1;
        out += q;
      } else if (pattern[i] === '+' && ch !== '{') {
        // possessive (Ruby syntax: only after ?, *, +)
        i += 1;
        out += q;
        atomic(lastAtom);
      } else out += q;
      lastAtom = -1;
      continue;
    }
    i += ch.length;
    if (ch === '.') {
      lastAtom = out.length;
      out += '[^\\n]';
    } else if (ch === '^') {
      out += '(?<![^\\n])';
      lastAtom = -1;
    } else if (ch === '$') {
      out += '(?![^\\n])';
      lastAtom = -1;
    } else if (ch === '|') {
      out += '|';
      lastAtom = -1;
    } else {
      lastAtom = out.length;
      out += literal(ch, false);
      if (ignoreCase) {
        foldRun = (runBefore + ch).toLowerCase();
        if ([...ch.toUpperCase()].length > 1 || multiCharacterFoldsOf().some((f) => foldRun.endsWith(f))) {
          fail(`${JSON.stringify(foldRun)} under (?i): Oniguruma also matches characters that fold to several (ß ~ ss, ﬁ ~ fi)`);
        }
      }
    }
  }
  if (groups.length > 0) fail('unbalanced (');
  try {
    new RegExp(out, 'gu');
  } catch (err) {
    throw new UnsupportedRegexError(`translated to ${JSON.stringify(out)}, which JavaScript rejects: ${(err as Error).message}`);
  }
  return out;

  function literal(ch: string, inClass: boolean): string {
    if (!ignoreCase) return escapeLiteral(ch, inClass);
    const variants = caseVariants(ch);
    if (variants.length === 1) return escapeLiteral(ch, inClass);
    const body = variants.map((v) => escapeLiteral(v, true)).join('');
    return inClass ? body : `[${body}]`;
  }

  /** One escape starting at pattern[i] === '\\'; returns its translation. */
  function translateEscape(inClass: boolean): string {
    const c = pattern[i + 1];
    if (c === undefined) return fail('trailing backslash');
    if (c in CLASS_ESCAPES) {
      i += 2;
      const t = CLASS_ESCAPES[c]!;
      return inClass || c !== 'h' ? t : `[${t}]`;
    }
    if (c === 'p' || c === 'P') {
      const m = /^\\[pP]\{([^}]*)\}/.exec(pattern.slice(i));
      if (!m) return fail('\\p without {name}');
      const at = i;
      i += m[0].length;
      return propertyEscape(c === 'P', m[1]!, at);
    }
    if (c in CONTROL_ESCAPES) {
      i += 2;
      return CONTROL_ESCAPES[c]!;
    }
    if (c === 'x') {
      let m = /^\\x\{([0-9a-fA-F]{1,8})\}/.exec(pattern.slice(i));
      if (m) {
        i += m[0].length;
        return literal(String.fromCodePoint(parseInt(m[1]!, 16)), inClass);
      }
      m = /^\\x([0-9a-fA-F]{1,2})/.exec(pattern.slice(i));
      if (!m) return fail('\\x without hex digits');
      i += m[0].length;
      return literal(String.fromCodePoint(parseInt(m[1]!, 16)), inClass);
    }
    if (c === 'u') {
      const m = /^\\u([0-9a-fA-F]{4})/.exec(pattern.slice(i));
      if (!m) return fail('\\u without 4 hex digits');
      i += m[0].length;
      return literal(String.fromCharCode(parseInt(m[1]!, 16)), inClass);
    }
    if (!inClass && (c === 'A' || c === 'z')) {
      i += 2;
      return c === 'A' ? '^' : '$';
    }
    if (/[A-Za-z0-9]/.test(c)) return fail(`escape \\${c} (no faithful JavaScript translation)`);
    const cp = String.fromCodePoint(pattern.codePointAt(i + 1)!);
    i += 1 + cp.length;
    return literal(cp, inClass);
  }

  /** A bracket class starting at pattern[i] === '['. */
  function charClass(): string {
    let body = '';
    i += 1;
    if (pattern[i] === '^') {
      body += '^';
      i += 1;
    }
    let first = true;
    for (;;) {
      if (i >= pattern.length) return fail('unterminated character class');
      const ch = String.fromCodePoint(pattern.codePointAt(i)!);
      if (ch === ']' && !first) {
        i += 1;
        break;
      }
      first = false;
      if (ch === '[') fail('nested character class or POSIX bracket');
      if (ch === '&' && pattern[i + 1] === '&') fail('class intersection &&');
      if (ch === '\\') {
        body += translateEscape(true);
        continue;
      }
      if (ch === '-' && body !== '' && body !== '^' && pattern[i + 1] !== ']') {
        // a range: ignore case does not distribute over ranges faithfully; refuse that combination
        if (ignoreCase) fail('character range under (?i)');
        body += '-';
        i += 1;
        continue;
      }
      i += ch.length;
      body += literal(ch, true);
    }
    return `[${body}]`;
  }
}
