// Learning-rate schedules as pure functions of the optimizer step (0-based), so a resumed run
// and every data-parallel worker compute the same rate without carrying any state.
//
// cosine: linear warmup to maxLr, then half a cosine down to minLr at totalSteps (nanoGPT).
// wsd:    warmup-stable-decay (MiniCPM, xGen-small): warmup, flat at maxLr, then a decay to minLr
//         over the last `decaySteps` — the phase in which a higher-quality mixture is annealed in.
// constant: warmup then maxLr.

export interface LrScheduleConfig {
  kind: 'cosine' | 'wsd' | 'constant';
  maxLr: number;
  minLr: number;
  warmupSteps: number;
  totalSteps: number;
  /** wsd only: length of the final decay (default 20 % of totalSteps) */
  decaySteps?: number;
  /** wsd only: shape of the decay (default `linear`; `sqrt` is 1 - sqrt(progress), MiniCPM's) */
  decayShape?: 'linear' | 'cosine' | 'sqrt';
}

export type LrSchedule = (step: number) => number;

export function validateLrSchedule(c: LrScheduleConfig): string[] {
  const errors: string[] = [];
  if (!['cosine', 'wsd', 'constant'].includes(c.kind)) errors.push(`kind: expected cosine, wsd or constant, got ${c.kind}`);
  if (!(c.maxLr > 0)) errors.push(`maxLr: expected > 0, got ${c.maxLr}`);
  if (!(c.minLr >= 0 && c.minLr <= c.maxLr)) errors.push(`minLr: expected 0 <= minLr <= maxLr, got ${c.minLr}`);
  if (!(Number.isInteger(c.warmupSteps) && c.warmupSteps >= 0)) errors.push(`warmupSteps: expected an integer >= 0, got ${c.warmupSteps}`);
  if (!(Number.isInteger(c.totalSteps) && c.totalSteps > 0)) errors.push(`totalSteps: expected an integer > 0, got ${c.totalSteps}`);
  if (c.decaySteps !== undefined && !(Number.isInteger(c.decaySteps) && c.decaySteps >= 0 && c.decaySteps <= c.totalSteps)) {
    errors.push(`decaySteps: expected an integer in [0, totalSteps], got ${c.decaySteps}`);
  }
  return errors;
}

export function createLrSchedule(c: LrScheduleConfig): LrSchedule {
  const errors = validateLrSchedule(c);
  if (errors.length) throw new Error(`invalid learning-rate schedule:\n  ${errors.join('\n  ')}`);
  const { maxLr, minLr, warmupSteps, totalSteps } = c;
  const warmup = (step: number) => (maxLr * (step + 1)) / (warmupSteps + 1);
  switch (c.kind) {
    case 'constant':
      return (step) => (step < warmupSteps ? warmup(step) : maxLr);
    case 'cosine':
      return (step) => {
        if (step < warmupSteps) return warmup(step);
        if (step >= totalSteps) return minLr;
        const progress = (step - warmupSteps) / Math.max(1, totalSteps - warmupSteps);
        return minLr + 0.5 * (maxLr - minLr) * (1 + Math.cos(Math.PI * progress));
      };
    case 'wsd': {
      const decaySteps = c.decaySteps ?? Math.round(0.2 * totalSteps);
      const decayStart = totalSteps - decaySteps;
      const shape = c.decayShape ?? 'linear';
      return (step) => {
        if (step < warmupSteps) return warmup(step);
        if (step < decayStart) return maxLr;
        if (step >= totalSteps) return minLr;
        const progress = (step - decayStart) / Math.max(1, decaySteps);
        const fraction = shape === 'linear' ? 1 - progress : shape === 'cosine' ? 0.5 * (1 + Math.cos(Math.PI * progress)) : 1 - Math.sqrt(progress);
        return minLr + (maxLr - minLr) * fraction;
      };
    }
  }
}
