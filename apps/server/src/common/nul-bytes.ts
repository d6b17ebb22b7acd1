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
  const queue: Visit[] = [{ value, parent: null, key: null, depth: 0 }];
  // for…of over a growing array visits what is pushed too: breadth first, in linear time.
  for (const visit of queue) {
    const { value: next, depth } = visit;
    if (typeof next === 'string') {
      if (next.includes('\u0000')) return { kind: 'nul', path: pathOf(visit) || '(value)' };
      continue;
    }
    if (typeof next !== 'object' || next === null) continue;
    if (depth >= MAX_BODY_DEPTH) return { kind: 'too-deep' };
    if (Array.isArray(next)) {
      next.forEach((item, position) =>
        queue.push({ value: item, parent: visit, key: position, depth: depth + 1 }),
      );
      continue;
    }
    for (const key of Object.keys(next)) {
      const child: Visit = {
        value: (next as Record<string, unknown>)[key],
        parent: visit,
        key,
        depth: depth + 1,
      };
      if (key.includes('\u0000')) return { kind: 'nul', path: pathOf(child) };
      queue.push(child);
    }
  }
  return null;
}

/** A value met on the walk; its path is written only for a fault, not for every value. */
interface Visit {
  value: unknown;
  parent: Visit | null;
  /** Its key in the parent object, or its position in the parent array. */
  key: string | number | null;
  depth: number;
}

/** `samples[0].note`, as a client names the field. */
function pathOf(visit: Visit): string {
  const steps: Array<string | number> = [];
  for (let at: Visit | null = visit; at?.parent; at = at.parent) steps.unshift(at.key ?? '');
  let path = '';
  for (const step of steps) {
    if (typeof step === 'number') path = `${path}[${step}]`;
    else path = path ? `${path}.${step}` : step;
  }
  return path;
}
