import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { documentStep, dropped, type DocumentStep } from '@anneal/core';
import { DEFAULT_LANGUAGE_OPTIONS, type LanguageFilterOptions } from './language-options.js';

/** A detected language: ISO 639-1 code ('und' when nothing is recognisable) and a score in [0, 1]. */
export interface LanguageGuess {
  language: string;
  score: number;
}

interface EldDetector {
  detect(text: string): { language: string; getScores(): Record<string, number> };
}

let detector: EldDetector | undefined;

/**
 * eld (Efficient Language Detector, 60 languages, byte n-gram model bundled with the package; the
 * 'medium' database): loaded on first use, synchronously, so that importing @anneal/filters stays
 * cheap (the model costs ~0.3 s and ~190 MB) and the step stays a plain per-document function.
 * eld ships as ESM only and exports no `require` entry, so the file is loaded by path, which needs
 * Node's require(esm) (unflagged since Node 20.19).
 */
function eld(): EldDetector {
  if (!detector) {
    const require = createRequire(import.meta.url);
    try {
      detector = (require(fileURLToPath(import.meta.resolve('eld/medium'))) as { eld: EldDetector }).eld;
    } catch (err) {
      throw new Error(`language: cannot load the eld language model (needs Node >= 20.19): ${(err as Error).message}`);
    }
  }
  return detector;
}

/** Identifies the language of a text from its first 1,000 characters (eld reads no further). */
export function identifyLanguage(text: string): LanguageGuess {
  const result = eld().detect(text);
  if (!result.language) return { language: 'und', score: 0 };
  return { language: result.language, score: result.getScores()[result.language] ?? 0 };
}

/**
 * Pipeline step `language`: writes `metadata.language` and `metadata.language_score`, then drops
 * documents in other languages (language_not_kept) or scored below `min_score` (language_low_score).
 */
export function languageFilter(options: Partial<LanguageFilterOptions> = {}): DocumentStep {
  const o = { ...DEFAULT_LANGUAGE_OPTIONS, ...options };
  const keep = new Set(o.languages);
  return documentStep('language', (doc) => {
    const { language, score } = identifyLanguage(doc.text);
    const annotated = { ...doc, metadata: { ...doc.metadata, language, language_score: Math.round(score * 1e4) / 1e4 } };
    if (o.annotate_only || keep.size === 0) return annotated;
    if (!keep.has(language)) return dropped('language_not_kept', `${language} (score ${score.toFixed(3)}), keeps ${[...keep].join(', ')}`);
    if (score < o.min_score) return dropped('language_low_score', `${language} score ${score.toFixed(3)}, needs ${o.min_score}`);
    return annotated;
  });
}
