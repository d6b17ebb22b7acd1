const bayCollator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Natural order, so bay 2 comes before bay 10 the way the chairs stand on the ward. */
export function compareBays(a: string, b: string): number {
  return bayCollator.compare(a, b);
}
