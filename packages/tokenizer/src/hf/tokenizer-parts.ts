import { AddedVocabulary } from './added-vocabulary.js';
import type { BpeSections } from './bpe-sections-scanner.js';
import { loadDecoder, type Decoder } from './decoders.js';
import { JsonPart } from './json-part.js';
import { loadNormalizer, type Normalizer } from './normalizers.js';
import { loadModel, type Model } from './model.js';
import { loadPostProcessor, type PostProcessor } from './post-processors.js';
import { loadPreTokenizer, type LoadedPreTokenizer } from './pre-tokenizers.js';

/**
 * A Hugging Face tokenizer.json as its named, swappable parts, the way `tokenizers` composes them:
 * added vocabulary → normalizer → pre-tokenizer → model → post-processor, and the decoder back.
 * The encoder (bpe-encoder.ts) runs them; each part is loaded by its own module, which refuses
 * what it cannot reproduce exactly, naming the JSON path.
 */
export interface TokenizerParts {
  normalizer: Normalizer | null;
  preTokenizer: LoadedPreTokenizer;
  model: Model;
  addedVocabulary: AddedVocabulary;
  postProcessor: PostProcessor;
  decoder: Decoder | null;
  /** id → token (the model's, or the added token's content where one has that id) */
  vocab: string[];
  /** id → the string the decoder gets: as vocab, but a `normalized` added token's normalized content (tokenizers 0.23) */
  decodeVocab: string[];
  /** content → id of the added tokens marked special */
  specialTokens: Map<string, number>;
}

/**
 * `from.model`: the model already loaded (a worker thread given the tables of the main thread's, see
 * portable-tokenizer.ts); the JSON's `model` is then not read. `from.sections`: the model's
 * vocabulary and merges, read from the text apart from the rest of the JSON (bpe-sections-scanner.ts).
 */
export function loadTokenizerParts(json: unknown, source: string, from: { model?: Model; sections?: BpeSections } = {}): TokenizerParts {
  const root = new JsonPart(source, '', json);
  if (typeof json !== 'object' || json === null) root.fail('expected a JSON object');
  for (const key of ['truncation', 'padding'] as const)
    if (!root.at(key).isNull) root.at(key).fail('must be null (truncation and padding would change the ids of a document)');
  const normalizer = loadNormalizer(root.at('normalizer'));
  const preTokenizer = withoutSplitOnRemoved(loadPreTokenizer(root.at('pre_tokenizer')), normalizer);
  const model = from.model ?? loadModel(root.at('model'), preTokenizer.byteLevel, from.sections);
  const addedVocabulary = new AddedVocabulary(root.at('added_tokens'), normalizer);
  const postProcessor = loadPostProcessor(root.at('post_processor'));
  const decoder = loadDecoder(root.at('decoder'));
  const vocab = model.tokens.slice();
  const specialTokens = new Map<string, number>();
  const decodeVocab = vocab.slice();
  for (const t of addedVocabulary.tokens) {
    vocab[t.id] = t.content;
    decodeVocab[t.id] = t.normalized && normalizer ? normalizer.normalize(t.content) : t.content;
    if (t.special) specialTokens.set(t.content, t.id);
  }
  for (let i = 0; i < vocab.length; i++)
    if (vocab[i] === undefined)
      root
        .at('model')
        .at('vocab')
        .fail(`no token has id ${i} (ids must run 0..${vocab.length - 1})`);
  for (const id of [...postProcessor.prefix, ...postProcessor.suffix])
    if (id >= vocab.length) root.at('post_processor').fail(`id ${id} is outside the vocabulary`);
  return { normalizer, preTokenizer, model, addedVocabulary, postProcessor, decoder, vocab, decodeVocab, specialTokens };
}

/**
 * Gemma splits on ' ' after a normalizer that has replaced every ' ' with ▁: the split never finds
 * anything, so each stretch of normalized text is one piece, as with no pre-tokenizer. Dropping it
 * saves a search of every document and lets the encoder mark spaces itself (bpe-encoder.ts).
 */
function withoutSplitOnRemoved(preTokenizer: LoadedPreTokenizer, normalizer: Normalizer | null): LoadedPreTokenizer {
  const mark = normalizer?.spaceMark?.mark;
  if (mark === undefined || preTokenizer.literalSplit !== ' ' || mark.includes(' ')) return preTokenizer;
  return { preTokenizer: null, byteLevel: false, scanner: undefined };
}
