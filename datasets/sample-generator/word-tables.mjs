/**
 * Word tables (names, places, sentence templates, ...) live as JSON under words/, so that the
 * generator modules hold the logic and the vocabulary can be read and edited as data.
 */
import { readFileSync } from 'node:fs';

const loaded = new Map();

/** The tables of words/<name>.json, parsed once per process. */
export function loadWordTable(name) {
  if (!loaded.has(name)) loaded.set(name, JSON.parse(readFileSync(new URL(`./words/${name}.json`, import.meta.url), 'utf8')));
  return loaded.get(name);
}
