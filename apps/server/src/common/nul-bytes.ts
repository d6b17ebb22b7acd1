/**
 * Deeper than any document Vigil reads (a threshold profile is five levels). A deeper body is
 * refused before anything walks it: a 20 kB body of nested brackets overflowed the stack of
 * every recursive walk, and the request was never answered.
 */
export const MAX_BODY_DEPTH = 64;

export type BodyFault = { kind: 'nul'; path: string } | { kind: 'too-deep' };

/**
 * The first reason a parsed body or query cannot be handed on: a string holding a NUL character
 * (PostgreSQL cannot store one in text and answers with an error, which would surface as a 500,
 * and no clinical text needs one) or nesting past MAX_BODY_DEPTH. Walked with a queue, not
 * recursion, so no input can exhaust the stack.
 */
export function bodyFault(value: unknown): BodyFault | null {
  const queue: Array<{ value: unknown; path: string; depth: number }> = [
    { value, path: '', depth: 0 },
  ];
  // for…of over a growing array visits what is pushed too: breadth first, in linear time.
  for (const next of queue) {
    const { path, depth } = next;
    if (typeof next.value === 'string') {
      if (next.value.includes('\u0000')) return { kind: 'nul', path: path || '(value)' };
      continue;
    }
    if (typeof next.value !== 'object' || next.value === null) continue;
    if (depth >= MAX_BODY_DEPTH) return { kind: 'too-deep' };
    if (Array.isArray(next.value)) {
      next.value.forEach((item, position) =>
        queue.push({ value: item, path: `${path}[${position}]`, depth: depth + 1 }),
      );
      continue;
    }
    for (const [key, item] of Object.entries(next.value)) {
      const at = path ? `${path}.${key}` : key;
      if (key.includes('\u0000')) return { kind: 'nul', path: at };
      queue.push({ value: item, path: at, depth: depth + 1 });
    }
  }
  return null;
}
