import type { JsonPart } from './json-part.js';

/**
 * The post-processor of a single sequence, as ids: what `encode(text, add_special_tokens=True)`
 * puts before and after the text's ids (Llama 2's `<s>`, Gemma's `<bos>`, RoBERTa's `<s> … </s>`).
 * ByteLevel only adjusts offsets, so it adds nothing. Pair templates are not used for documents.
 */
export interface PostProcessor {
  readonly kind: string;
  prefix: number[];
  suffix: number[];
}

const TYPES = ['TemplateProcessing', 'ByteLevel', 'RobertaProcessing', 'BertProcessing', 'Sequence'] as const;

function tokenId(part: JsonPart): number {
  const v = part.value;
  if (!Array.isArray(v) || v.length !== 2 || typeof v[0] !== 'string' || !Number.isInteger(v[1])) part.fail('expected ["token", id]');
  return v[1];
}

export function loadPostProcessor(part: JsonPart): PostProcessor {
  if (part.isNull) return { kind: 'none', prefix: [], suffix: [] };
  const type = part.type(TYPES);
  switch (type) {
    case 'ByteLevel':
      return { kind: type, prefix: [], suffix: [] };
    case 'RobertaProcessing':
    case 'BertProcessing':
      return { kind: type, prefix: [tokenId(part.at('cls'))], suffix: [tokenId(part.at('sep'))] };
    case 'TemplateProcessing': {
      const specials = part.at('special_tokens');
      const prefix: number[] = [];
      const suffix: number[] = [];
      let seenA = false;
      for (const piece of part.at('single').array()) {
        if (piece.value?.Sequence) {
          if (piece.at('Sequence').at('id').value !== 'A') piece.fail('the single template may only hold sequence A');
          seenA = true;
          continue;
        }
        const name = piece.at('SpecialToken').at('id').string();
        const ids = specials.at(name).at('ids');
        if (ids.isNull) specials.fail(`no entry for ${JSON.stringify(name)}`);
        (seenA ? suffix : prefix).push(...ids.array().map((i) => i.integer()));
      }
      if (!seenA) part.at('single').fail('the template has no $A');
      return { kind: `TemplateProcessing(${prefix.length}+A+${suffix.length})`, prefix, suffix };
    }
    case 'Sequence': {
      const steps = part.at('processors').array().map(loadPostProcessor);
      // each processor wraps what the previous one produced
      const prefix: number[] = [];
      const suffix: number[] = [];
      for (const s of steps) {
        prefix.unshift(...s.prefix);
        suffix.push(...s.suffix);
      }
      return { kind: `Sequence[${steps.map((s) => s.kind).join(', ')}]`, prefix, suffix };
    }
  }
}
