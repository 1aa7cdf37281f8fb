/**
 * Converts values that columnar readers hand back (BigInt, Date, typed arrays, Arrow rows) into
 * plain JSON-serializable values, since Doc metadata must always be JSON-serializable.
 */
export function toJsonValue(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : String(value);
    case 'bigint':
      return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
    case 'object':
      break;
    default:
      return String(value);
  }
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number | bigint>, toJsonValue);
  if (Array.isArray(value)) return value.map(toJsonValue);
  const maybeJson = value as { toJSON?: () => unknown; toArray?: () => unknown };
  if (typeof maybeJson.toJSON === 'function' && !(value.constructor === Object)) return toJsonValue(maybeJson.toJSON());
  if (typeof maybeJson.toArray === 'function') return toJsonValue(maybeJson.toArray());
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = toJsonValue(v);
  return out;
}
