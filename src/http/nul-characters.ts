/**
 * The path (`a.b.0.c`) of the first string in a parsed JSON value that contains U+0000, or null. PostgreSQL's text
 * type cannot hold that character: a request carrying it must be refused naming the field, on SQLite as well, rather
 * than fail at the insert as an internal error. Keys are checked too (they become field names in stored JSON).
 */
export function pathOfNulCharacter(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path || 'body' : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = pathOfNulCharacter(value[i], path ? `${path}.${i}` : String(i));
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const here = path ? `${path}.${key}` : key;
      if (key.includes('\u0000')) return here;
      const found = pathOfNulCharacter(item, here);
      if (found) return found;
    }
  }
  return null;
}
