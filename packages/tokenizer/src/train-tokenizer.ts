import { tokenizerHash } from '@anneal/token-shards';
import { trainBpe, type BpeModel } from './bpe-trainer.js';
import { DomainBalancedSample, type DomainSampleStats, type SampleCandidate } from './domain-balanced-sample.js';
import { countWordsInParallel } from './parallel-word-counts.js';
import { preTokenizerPattern } from './pre-tokenizer.js';
import { tokenizerSettingsProblems, type TokenizerTrainSettings } from './tokenizer-config.js';
import { serializeTokenizerJson, toTokenizerJson } from './tokenizer-json.js';

/** What a training run produced and measured (written as `train-stats.json` beside tokenizer.json). */
export interface TokenizerTrainReport {
  tokenizer_hash: string;
  vocab_size: number;
  merges: number;
  /** unique pre-tokenized words in the sample */
  words: number;
  sample: { bytes: number; documents: number; domains: Record<string, DomainSampleStats> };
  seconds: { sample: number; word_counts: number; merges: number };
  settings: TokenizerTrainSettings;
}

export interface TrainedTokenizer {
  /** the tokenizer.json text */
  json: string;
  model: BpeModel;
  report: TokenizerTrainReport;
}

/**
 * Trains a tokenizer end to end: draws the domain-balanced sample from `documents` (streamed),
 * counts pre-tokenized words on worker threads, runs the BPE merges and builds tokenizer.json.
 */
export async function trainTokenizer(
  documents: AsyncIterable<SampleCandidate>,
  settings: TokenizerTrainSettings,
  onProgress?: (message: string) => void,
): Promise<TrainedTokenizer> {
  const problems = tokenizerSettingsProblems(settings);
  if (problems.length > 0) throw new Error(`invalid tokenizer settings:\n  ${problems.join('\n  ')}`);
  const t0 = performance.now();
  const sample = new DomainBalancedSample(settings.sample.bytes, settings.sample.proportions, settings.sample.seed);
  for await (const doc of documents) sample.offer(doc);
  const drawn = sample.result();
  onProgress?.(`sample: ${drawn.texts.length} documents, ${(drawn.bytes / 1e6).toFixed(1)} MB`);
  const t1 = performance.now();
  const pattern = preTokenizerPattern({ digits: settings.digits });
  const counts = await countWordsInParallel(drawn.texts, pattern, settings.workers);
  onProgress?.(`word counts: ${counts.size} unique words`);
  const t2 = performance.now();
  const model = trainBpe(counts, {
    vocabSize: settings.vocab_size,
    minFrequency: settings.min_frequency,
    specialTokens: [...settings.special_tokens, ...settings.reserved_tokens],
    onProgress: (merges, vocab) => onProgress?.(`merges: ${merges} (vocab ${vocab})`),
  });
  const t3 = performance.now();
  const json = serializeTokenizerJson(toTokenizerJson(model, pattern));
  return {
    json,
    model,
    report: {
      tokenizer_hash: tokenizerHash(json),
      vocab_size: model.vocab.length,
      merges: model.merges.length,
      words: counts.size,
      sample: { bytes: drawn.bytes, documents: drawn.texts.length, domains: drawn.domains },
      seconds: { sample: round3((t1 - t0) / 1000), word_counts: round3((t2 - t1) / 1000), merges: round3((t3 - t2) / 1000) },
      settings,
    },
  };
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
