/**
 * Template filling: {slot} templates for prose and «slot» templates for source code.
 */
import { cap } from './text-case.mjs';

/**
 * Fill `{key}` slots. A slot value may be a string, an array (one item is picked) or a function of
 * the rng. `{Key}` capitalises the value of `key`.
 */
export function fill(rng, template, vars) {
  const picked = {};
  return template.replace(/\{(\w+)\}/g, (_, key) => {
    let v = vars[key];
    let capitalise = false;
    if (v === undefined) {
      const lower = key.charAt(0).toLowerCase() + key.slice(1);
      if (lower !== key && vars[lower] !== undefined) {
        v = vars[lower];
        capitalise = true;
      }
    }
    if (v === undefined) throw new Error(`template slot {${key}} has no value in: ${template}`);
    const resolveSlot = () => (typeof v === 'function' ? v(rng) : Array.isArray(v) ? rng.pick(v) : String(v));
    let s = resolveSlot();
    // "{verb} or {verb2}": the second slot of a pair takes a different value when it can.
    const base = key.replace(/2$/, '').toLowerCase();
    for (let tries = 0; base !== key.toLowerCase() && s === picked[base] && tries < 8; tries++) s = resolveSlot();
    picked[key.toLowerCase()] = s;
    return capitalise ? cap(s) : s;
  });
}

/** A slot holding a whole number in [lo, hi], drawn each time the slot is filled. */
export const intSlot = (lo, hi) => (rng) => String(rng.int(lo, hi));

/** Code templates use «name» slots so that braces, $ and backslashes of the target language stay literal. */
export function T(template, vars) {
  return template.replace(/«(\w+)»/g, (_, key) => {
    if (vars[key] === undefined) throw new Error(`code slot «${key}» has no value`);
    return String(vars[key]);
  });
}
