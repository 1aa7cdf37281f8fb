/**
 * Made-up English place and river names, built from the syllable tables in words/encyclopedic-names.json;
 * every encyclopedic article kind names places with them.
 */
import { loadWordTable } from './word-tables.mjs';

const { PLACE_PREFIX, PLACE_SUFFIX, RIVER_SYL } = loadWordTable('encyclopedic-names');

export const placeName = (r) => r.pick(PLACE_PREFIX) + r.pick(Object.keys(PLACE_SUFFIX));

export const riverName = (r) => r.pick(RIVER_SYL[0]) + r.pick(RIVER_SYL[1]);
