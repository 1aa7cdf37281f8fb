import type { ResolvedStep } from '@anneal/pipeline';

/**
 * The metadata keys a step of a resolved config writes, so `anneal trace` can show each step with
 * the values it left on a document. Kept beside the step registry: a step that writes metadata
 * names its keys here (steps that only drop or rewrite text write none).
 */
export function metadataWrittenBy(step: ResolvedStep): string[] {
  const o = step.options;
  const keys: string[] = [];
  if (step.score_into) keys.push(step.score_into);
  switch (step.name) {
    case 'language':
      keys.push('language', 'language_score');
      break;
    case 'classify':
      for (const m of (o.models as { field: string; score_label?: string }[] | undefined) ?? [])
        keys.push(m.field, ...(m.score_label ? [] : [`${m.field}_score`]));
      break;
    case 'quality_ensemble':
      keys.push(typeof o.output === 'string' ? o.output : 'quality');
      break;
    case 'dedup_exact':
    case 'dedup_minhash':
      keys.push('dup_count', 'dup_cluster_id');
      break;
    case 'decontaminate':
      keys.push('contamination', 'contamination_removed_words');
      break;
    case 'pii':
      keys.push('pii');
      break;
  }
  return keys;
}
