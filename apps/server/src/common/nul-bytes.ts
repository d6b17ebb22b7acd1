/**
 * The path of the first string holding a NUL character, or null. PostgreSQL cannot store one in
 * text (it answers with an error, which would surface as a 500), and no clinical text needs one.
 */
export function nulBytePath(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path || '(value)' : null;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = nulBytePath(item, `${path}[${index}]`);
      if (found) return found;
    }
    return null;
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      const found =
        nulBytePath(key, path ? `${path}.${key}` : key) ??
        nulBytePath(item, path ? `${path}.${key}` : key);
      if (found) return found;
    }
  }
  return null;
}
