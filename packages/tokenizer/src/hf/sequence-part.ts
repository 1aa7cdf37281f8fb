import type { JsonPart } from './json-part.js';

/**
 * A `Sequence` normalizer or decoder: its parts loaded in order, a part that loads as null (a
 * no-op) left out, and the kind it reports, `Sequence[A, B]`.
 */
export function loadSequence<T extends { kind: string }>(part: JsonPart, key: string, load: (p: JsonPart) => T | null): { kind: string; parts: T[] } {
  const parts = part
    .at(key)
    .array()
    .map((p) => load(p))
    .filter((p): p is T => p !== null);
  return { kind: `Sequence[${parts.map((p) => p.kind).join(', ')}]`, parts };
}

/** The parts run in turn, each on what the one before it gave. */
export function inTurn<P, V>(parts: readonly P[], apply: (part: P, value: V) => V): (value: V) => V {
  return (value) => {
    for (const p of parts) value = apply(p, value);
    return value;
  };
}
