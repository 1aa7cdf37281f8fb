/**
 * Reading one part of a tokenizer.json: every refusal names the file and the JSON path of the part
 * it cannot load (e.g. `pre_tokenizer.pretokenizers[1].type`), so a user knows exactly what is not
 * supported instead of getting ids that differ from the reference libraries.
 */
export class UnsupportedTokenizerError extends Error {}

export class JsonPart {
  constructor(
    readonly source: string,
    readonly path: string,
    // biome-ignore lint/suspicious/noExplicitAny: a part of parsed tokenizer.json; every accessor below checks the type it reads
    readonly value: any,
  ) {}

  /** The part at `key` (a property name or an array index). */
  at(key: string | number): JsonPart {
    const path = typeof key === 'number' ? `${this.path}[${key}]` : this.path ? `${this.path}.${key}` : key;
    return new JsonPart(this.source, path, this.value?.[key]);
  }

  fail(why: string): never {
    throw new UnsupportedTokenizerError(`${this.source}: unsupported tokenizer.json: ${this.path || '(root)'}: ${why}`);
  }

  get isNull(): boolean {
    return this.value === null || this.value === undefined;
  }

  string(): string {
    if (typeof this.value !== 'string') this.fail(`expected a string, found ${JSON.stringify(this.value)}`);
    return this.value;
  }

  optionalString(): string | null {
    return this.isNull ? null : this.string();
  }

  boolean(fallback?: boolean): boolean {
    if (this.isNull && fallback !== undefined) return fallback;
    if (typeof this.value !== 'boolean') this.fail(`expected true or false, found ${JSON.stringify(this.value)}`);
    return this.value;
  }

  integer(fallback?: number): number {
    if (this.isNull && fallback !== undefined) return fallback;
    if (!Number.isInteger(this.value) || this.value < 0) this.fail(`expected a non-negative integer, found ${JSON.stringify(this.value)}`);
    return this.value;
  }

  array(): JsonPart[] {
    if (!Array.isArray(this.value)) this.fail(`expected an array, found ${JSON.stringify(this.value)?.slice(0, 80)}`);
    return (this.value as unknown[]).map((_, i) => this.at(i));
  }

  /** The `type` of a component, refused unless it is one of `known`. */
  type<T extends string>(known: readonly T[]): T {
    const type = this.at('type');
    if (!known.includes(type.value)) type.fail(`${JSON.stringify(type.value)} is not supported (supported: ${known.join(', ')})`);
    return type.value as T;
  }

  /** A `{"String": s}` or `{"Regex": r}` pattern. */
  pattern(): { string: string } | { regex: string } {
    if (typeof this.value?.String === 'string') return { string: this.value.String };
    if (typeof this.value?.Regex === 'string') return { regex: this.value.Regex };
    return this.fail(`expected {"String": ...} or {"Regex": ...}, found ${JSON.stringify(this.value)}`);
  }
}
