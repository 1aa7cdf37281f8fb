import { InvalidArgumentError } from 'commander';

/**
 * A commander parser for a numeric option's value: the number, or a usage error that names the
 * option and what it must be (commander prints it and exits 2).
 */
export function numberOption(name: string, check: (n: number) => boolean, expected: string): (value: string) => number {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || !check(n)) throw new InvalidArgumentError(`${name} must be ${expected}`);
    return n;
  };
}

/** 0, 1, 2, ...: ranks, stage numbers, rows, worker counts where 0 means "in this process". */
export const nonNegativeInteger = (name: string) => numberOption(name, (n) => Number.isInteger(n) && n >= 0, 'a non-negative integer');

/** 1, 2, 3, ...: thread counts. */
export const positiveInteger = (name: string) => numberOption(name, (n) => Number.isInteger(n) && n >= 1, 'a positive integer');

/** Any number above 0: ratios such as bytes per token. */
export const positiveNumber = (name: string) => numberOption(name, (n) => n > 0, 'a positive number');
