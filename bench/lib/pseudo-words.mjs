// Pseudo-words built from syllables by a seeded random source: the vocabulary of the benchmarks'
// generated text, so that inputs are the same on every machine and need no downloaded corpus.

const SYLLABLES = (
  'ka to ri sen mo la vi der an ul pre sta qu ing ter ma no be el ro tion ca di fu gra ' +
  'he is jo ke lu mi ne or pa ra si tu ver wa xe yo zi ch sh th ou ea er es al'
).split(' ');

/**
 * `size` distinct words: `seedWords` first, then words of `minSyllables`–`maxSyllables` syllables
 * in the order `random` draws them. The benchmarks differ in these on purpose (the I/O documents
 * start from English function words; the dedup corpus wants longer words, so that unrelated
 * documents share almost no shingles), and each keeps its own draws so its inputs stay the same.
 */
export function pseudoWordVocabulary(random, size, { seedWords = [], minSyllables, maxSyllables }) {
  const seen = new Set(seedWords);
  const words = [...seen];
  while (words.length < size) {
    const n = minSyllables + Math.floor(random() * (maxSyllables - minSyllables + 1));
    let w = '';
    for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
    if (!seen.has(w)) {
      seen.add(w);
      words.push(w);
    }
  }
  return words;
}
