import type { DocumentStep } from '@anneal/core';

/** A step's verdict on a text: 'kept' or its drop reason. */
export function verdict(step: DocumentStep, text: string): string {
  const r = step.apply({ id: 'd', text, metadata: {} });
  return 'dropped' in r ? r.dropped : 'kept';
}
