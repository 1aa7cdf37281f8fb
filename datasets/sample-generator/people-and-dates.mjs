/**
 * Random person names and dates, shared by the web, near-duplicate and other generators.
 */
import { loadWordTable } from './word-tables.mjs';

const { FIRST_NAMES, LAST_NAMES, MONTHS } = loadWordTable('people-and-places');

export const personName = (r) => `${r.pick(FIRST_NAMES)} ${r.pick(LAST_NAMES)}`;

export const dateString = (r, y0 = 2009, y1 = 2024) => `${r.pick(MONTHS)} ${r.int(1, 28)}, ${r.int(y0, y1)}`;
