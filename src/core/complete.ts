/**
 * Objects a page sets as properties (`.article`, a custom backend's answers)
 * may lack fields the model promises. Elements read them through `complete`,
 * which fills what is missing with an empty value so it renders as absent,
 * and tells the developer once per object which fields were missing.
 */

type Defaults<T> = { [K in keyof T]?: () => T[K] };

const seen = new WeakMap<object, object>();

/** Whether a field holds a value of the kind its default has (a string for a string, a list for a list). */
function usable(value: unknown, fallback: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (Array.isArray(fallback)) return Array.isArray(value);
  if (typeof fallback === 'object' && fallback !== null) return typeof value === 'object';
  return typeof value === typeof fallback;
}

/**
 * `value` with every field of `defaults` that is missing or of the wrong kind
 * replaced by its default; the same object when nothing is missing. `what`
 * names the model in the warning (`Article`, `Comment`).
 */
export function complete<T extends object>(what: string, value: T, defaults: Defaults<T>): T {
  const known = seen.get(value);
  if (known) return known as T;
  const source = (value ?? {}) as Record<string, unknown>;
  const missing: string[] = [];
  const filled: Record<string, unknown> = { ...source };
  for (const [field, make] of Object.entries(defaults) as Array<[string, () => unknown]>) {
    const fallback = make();
    if (usable(source[field], fallback)) continue;
    missing.push(field);
    filled[field] = fallback;
  }
  const result = (missing.length ? filled : value) as T;
  const label = typeof source.id === 'string' || typeof source.id === 'number' ? ` ${source.id}` : '';
  if (missing.length) console.warn(`kabar: ${what}${label} is missing ${missing.join(', ')}; shown without it.`);
  if (value && typeof value === 'object') seen.set(value, result);
  return result;
}
