import type { JsonPart } from './json-part.js';
import type { Normalizer } from './normalizers.js';

/** One entry of `added_tokens`. */
export interface AddedToken {
  id: number;
  content: string;
  singleWord: boolean;
  lstrip: boolean;
  rstrip: boolean;
  normalized: boolean;
  special: boolean;
}

/**
 * A stretch of input: an added token's id, or text for the pre-tokenizer (normalized; `firstSpan`:
 * how many of its code units come from the input's first character, see pre-tokenizers.ts).
 */
export type Segment = { id: number } | { text: string; firstSpan: number };
type RawSegment = { id: number } | { text: string; startsText: boolean };

/** Code units of normalize(first character of `raw`): the normalized text that maps to original offset 0. */
export function firstSpanOf(raw: string, normalizer: Normalizer | null): number {
  if (raw.length === 0) return 0;
  const first = String.fromCodePoint(raw.codePointAt(0)!);
  return normalizer ? normalizer.normalize(first).length : first.length;
}

interface TrieNode {
  next: Map<number, TrieNode>;
  token?: AddedToken;
}

// a regex `\w` character (UTS #18), what tokenizers' single_word check asks of the neighbours
const WORD_CHAR = /[\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\p{Join_Control}]/u;
const TRAILING_SPACE = /\p{White_Space}+$/u;
const LEADING_SPACE = /^\p{White_Space}+/u;

/**
 * Finds added tokens in text the way `tokenizers`' AddedVocabulary does: tokens with
 * `normalized: false` are found in the raw text first (leftmost-longest, like its Aho-Corasick
 * automaton), the text between them is normalized, and tokens with `normalized: true` are then
 * found in that normalized text (by their normalized content). `lstrip`/`rstrip` take the
 * whitespace beside a token into it; `single_word` skips matches inside a word. With
 * `specialsAsText`, special tokens are not looked for at all (`encode_special_tokens = True`): a
 * document that contains `<|endoftext|>` as text cannot inject the control token.
 */
export class AddedVocabulary {
  readonly tokens: AddedToken[];
  readonly byContent = new Map<string, AddedToken>();
  private readonly raw: Matcher;
  private readonly normalizedTokens: Matcher;

  constructor(part: JsonPart, normalizer: Normalizer | null) {
    this.tokens = part.isNull
      ? []
      : part.array().map((p) => ({
          id: p.at('id').integer(),
          content: p.at('content').string(),
          singleWord: p.at('single_word').boolean(false),
          lstrip: p.at('lstrip').boolean(false),
          rstrip: p.at('rstrip').boolean(false),
          normalized: p.at('normalized').boolean(true),
          special: p.at('special').boolean(false),
        }));
    for (const t of this.tokens) this.byContent.set(t.content, t);
    this.hasNonSpecial = this.tokens.some((t) => !t.special);
    this.normalizedNonSpecial = this.tokens.filter((t) => t.normalized && !t.special).length;
    // Two passes, whether or not there is a normalizer (as in tokenizers): `normalized: false`
    // tokens in the raw text, then `normalized: true` ones in each stretch between them.
    this.raw = new Matcher(this.tokens.filter((t) => !t.normalized).map((t) => [t.content, t]));
    this.normalizedTokens = new Matcher(
      this.tokens.filter((t) => t.normalized).map((t) => [normalizer ? normalizer.normalize(t.content) : t.content, t]),
    );
  }

  /**
   * Whether any non-special token could match (else, with specials as text, there is nothing to
   * find). Asked once per document: found once here (Llama 3 has 256 added tokens, all special).
   */
  readonly hasNonSpecial: boolean;
  private readonly normalizedNonSpecial: number;

  /**
   * Whether every token that can match is found in the raw text (`normalized: false`), so that
   * {@link rawSegments} finds them all; with `specialsAsText`, special tokens do not count.
   */
  onlyRawMatches(specialsAsText: boolean): boolean {
    return specialsAsText ? this.normalizedNonSpecial === 0 : this.normalizedTokens.empty;
  }

  /**
   * Cuts `text` into added tokens and the raw (not normalized) text between them, for an encoder
   * that normalizes as it reads; valid only where {@link onlyRawMatches} holds.
   */
  rawSegments(text: string, specialsAsText: boolean): ({ id: number } | { text: string })[] {
    return this.raw.split(text, specialsAsText, 0);
  }

  /** Cuts `text` into added tokens and normalized text stretches. */
  segments(text: string, normalizer: Normalizer | null, specialsAsText: boolean): Segment[] {
    const out: Segment[] = [];
    for (const s of this.raw.split(text, specialsAsText, 0)) {
      if ('id' in s) {
        out.push(s);
        continue;
      }
      const span = s.startsText ? firstSpanOf(s.text, normalizer) : 0;
      const normalized = normalizer ? normalizer.normalize(s.text) : s.text;
      for (const t of this.normalizedTokens.split(normalized, specialsAsText, s.startsText ? 0 : 1))
        out.push('id' in t ? t : { text: t.text, firstSpan: t.startsText ? span : 0 });
    }
    return out;
  }
}

class Matcher {
  private readonly root: TrieNode = { next: new Map() };
  private readonly firstUnits = new Uint8Array(65536);
  readonly empty: boolean;

  constructor(entries: [string, AddedToken][]) {
    this.empty = entries.length === 0;
    for (const [content, token] of entries) {
      if (content.length === 0) continue;
      let node = this.root;
      for (let i = 0; i < content.length; i++) {
        const c = content.charCodeAt(i);
        let child = node.next.get(c);
        if (!child) node.next.set(c, (child = { next: new Map() }));
        node = child;
      }
      // the first token with a given content wins, as in tokenizers' map from content to token
      node.token ??= token;
      this.firstUnits[content.charCodeAt(0)] = 1;
    }
  }

  /** `offset`: where `text` starts in the input (0: it begins the input). */
  split(text: string, specialsAsText: boolean, offset: number): RawSegment[] {
    if (this.empty) return text.length > 0 || offset === 0 ? [{ text, startsText: offset === 0 }] : [];
    const out: RawSegment[] = [];
    let last = 0;
    let i = 0;
    const pushText = (end: number) => {
      if (end > last) out.push({ text: text.slice(last, end), startsText: last === 0 && offset === 0 });
    };
    while (i < text.length) {
      if (!this.firstUnits[text.charCodeAt(i)]) {
        i++;
        continue;
      }
      let node: TrieNode | undefined = this.root;
      let found: AddedToken | undefined;
      let foundEnd = -1;
      for (let j = i; j < text.length; j++) {
        node = node.next.get(text.charCodeAt(j));
        if (!node) break;
        if (node.token) {
          found = node.token;
          foundEnd = j + 1;
        }
      }
      if (!found) {
        i++;
        continue;
      }
      let start = i;
      let stop = foundEnd;
      // A match that does not count (a special token taken as text, a single_word token inside a
      // word) still consumes its span, as in tokenizers' non-overlapping find_iter.
      if (specialsAsText && found.special) {
        i = foundEnd;
        continue;
      }
      if (found.singleWord) {
        const before = start === 0 || !WORD_CHAR.test(String.fromCodePoint(codePointBefore(text, start)));
        const after = stop === text.length || !WORD_CHAR.test(String.fromCodePoint(text.codePointAt(stop)!));
        if (!before || !after) {
          i = foundEnd;
          continue;
        }
      }
      if (found.lstrip) {
        const m = TRAILING_SPACE.exec(text.slice(last, start));
        if (m) start = last + m.index;
      }
      if (found.rstrip) {
        const m = LEADING_SPACE.exec(text.slice(stop));
        if (m) stop += m[0].length;
      }
      pushText(start);
      out.push({ id: found.id });
      last = stop;
      i = stop;
    }
    pushText(text.length);
    if (out.length === 0 && offset === 0) out.push({ text: '', startsText: true });
    return out;
  }
}

function codePointBefore(text: string, at: number): number {
  const c = text.charCodeAt(at - 1);
  if (c >= 0xdc00 && c <= 0xdfff && at >= 2) {
    const h = text.charCodeAt(at - 2);
    if (h >= 0xd800 && h <= 0xdbff) return text.codePointAt(at - 2)!;
  }
  return c;
}
