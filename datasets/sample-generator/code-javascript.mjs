/**
 * JavaScript source files (ESM or CommonJS) built from function templates.
 */
import { pickN } from './random-choice.mjs';
import { T } from './template-fill.mjs';

// JavaScript: ESM or CommonJS.
const JS_FUNCS = [
  (c) => ({
    name: 'debounce',
    code: T(
      String.raw`/**
 * Delay calls to fn until wait ms have passed without another call.
 */
export function debounce(fn, wait = «delay») {
  let timer = null;
  return function debounced(...args) {
    clearTimeout(timer);
    timer = setTimeout(() => fn.apply(this, args), wait);
  };
}`,
      c,
    ),
  }),
  (c) => ({
    name: `group${c.P}By${c.K}`,
    code: T(
      String.raw`// Group «p» by «key» so the summary view can render one section per «key».
export function group«P»By«K»(«p») {
  const groups = new Map();
  for (const «s» of «p») {
    const key = «s».«key» ?? 'unknown';
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(«s»);
  }
  return groups;
}`,
      c,
    ),
  }),
  (c) => ({
    name: `fetch${c.P}`,
    code: T(
      String.raw`/**
 * Fetch a JSON list of «p», retrying with exponential backoff on failure.
 */
export async function fetch«P»(url, { retries = «n», delayMs = «delay» } = {}) {
  let lastError;
  for (let attempt = 0; attempt <= retries; attempt++) {
    try {
      const response = await fetch(url);
      if (!response.ok) throw new Error('HTTP ' + response.status + ' for ' + url);
      return await response.json();
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, delayMs * 2 ** attempt));
    }
  }
  throw lastError;
}`,
      c,
    ),
  }),
  (c) => ({
    name: `${c.S}Store`,
    code: T(
      String.raw`/** In-memory store of «p» that notifies subscribers on every change. */
export class «S»Store {
  constructor() {
    this.items = new Map();
    this.listeners = new Set();
  }

  add(«s») {
    this.items.set(«s».id, «s»);
    this.emit('add', «s»);
  }

  remove(id) {
    const «s» = this.items.get(id);
    if (!«s») return false;
    this.items.delete(id);
    this.emit('remove', «s»);
    return true;
  }

  subscribe(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(type, payload) {
    for (const listener of this.listeners) listener(type, payload);
  }

  total«F»() {
    let total = 0;
    for (const «s» of this.items.values()) total += «s».«fieldC» || 0;
    return total;
  }
}`,
      c,
    ),
  }),
  (c) => ({
    name: 'formatDuration',
    code: T(
      String.raw`// Format a number of seconds as "1h 02m 03s" for the status bar.
export function formatDuration(totalSeconds) {
  const seconds = Math.max(0, Math.round(totalSeconds));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const pad = (n) => String(n).padStart(2, '0');
  return h > 0 ? h + 'h ' + pad(m) + 'm ' + pad(s) + 's' : m + 'm ' + pad(s) + 's';
}`,
      c,
    ),
  }),
  (c) => ({
    name: 'chunk',
    code: T(
      String.raw`export function chunk(items, size = «size») {
  if (size < 1) throw new RangeError('size must be at least 1');
  const out = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}`,
      c,
    ),
  }),
  (c) => ({
    name: 'memoize',
    code: T(
      String.raw`/**
 * Cache results of a one-argument function. Keys are compared with Map semantics.
 */
export function memoize(fn) {
  const cache = new Map();
  return (arg) => {
    if (!cache.has(arg)) cache.set(arg, fn(arg));
    return cache.get(arg);
  };
}`,
      c,
    ),
  }),
  (c) => ({
    name: 'parseQuery',
    code: T(
      String.raw`// Parse "?a=1&b=two&b=three" into { a: '1', b: ['two', 'three'] }.
export function parseQuery(query) {
  const result = {};
  for (const part of query.replace(/^\?/, '').split('&')) {
    if (!part) continue;
    const [rawKey, rawValue = ''] = part.split('=');
    const key = decodeURIComponent(rawKey);
    const value = decodeURIComponent(rawValue.replace(/\+/g, ' '));
    if (key in result) {
      result[key] = [].concat(result[key], value);
    } else {
      result[key] = value;
    }
  }
  return result;
}`,
      c,
    ),
  }),
  (c) => ({
    name: `validate${c.S}`,
    code: T(
      String.raw`/** Return a list of problems with a «s»; an empty list means it is valid. */
export function validate«S»(«s») {
  const errors = [];
  if (!Number.isInteger(«s».id) || «s».id <= 0) errors.push('id must be a positive integer');
  if (typeof «s».«fieldC» !== 'number' || «s».«fieldC» < 0) errors.push('«fieldC» must be zero or more');
  if (!«s».«key») errors.push('«key» is required');
  return errors;
}`,
      c,
    ),
  }),
  (c) => ({
    name: 'sortBy',
    code: T(
      String.raw`// Stable sort by several keys; prefix a key with "-" for descending order.
export function sortBy(items, ...keys) {
  return [...items].sort((a, b) => {
    for (const spec of keys) {
      const desc = spec.startsWith('-');
      const key = desc ? spec.slice(1) : spec;
      if (a[key] < b[key]) return desc ? 1 : -1;
      if (a[key] > b[key]) return desc ? -1 : 1;
    }
    return 0;
  });
}`,
      c,
    ),
  }),
  (c) => ({
    name: `summarize${c.F}`,
    code: T(
      String.raw`export function summarize«F»(«p») {
  const values = «p».map((«s») => «s».«fieldC»).filter((v) => typeof v === 'number');
  if (values.length === 0) return { count: 0, mean: null, min: null, max: null };
  const sum = values.reduce((acc, v) => acc + v, 0);
  return {
    count: values.length,
    mean: sum / values.length,
    min: Math.min(...values),
    max: Math.max(...values),
  };
}`,
      c,
    ),
  }),
  (c) => ({
    name: `format${c.S}Row`,
    code: T(
      String.raw`// One line per «s» in the plain-text export.
export function format«S»Row(«s») {
  const value = Number(«s».«fieldC» ?? 0).toFixed(2);
  return «bt»«d»{String(«s».id).padStart(6, ' ')}  «d»{(«s».«key» ?? '-').padEnd(12, ' ')}  «d»{value}«bt»;
}`,
      { ...c, bt: '`', d: '$' },
    ),
  }),
];

export function javascriptFile(rng, c) {
  const fns = pickN(rng, JS_FUNCS, rng.int(2, 5)).map((f) => f(c));
  const esm = rng.chance(0.65);
  const header = rng.pick([
    `/**\n * ${c.P} helpers shared by the dashboard and the nightly export.\n */`,
    `// ${c.s}-utils.js`,
    `/* Utilities for the ${c.p} page. */`,
    `'use strict';\n\n// Small helpers for ${c.p}.`,
  ]);
  let body = fns.map((f) => f.code).join('\n\n');
  if (!esm) {
    body = body.replace(/^export (async function|function|class) /gm, '$1 ');
    body += `\n\nmodule.exports = { ${fns.map((f) => f.name).join(', ')} };`;
  }
  return `${header}\n\n${body}\n`;
}
