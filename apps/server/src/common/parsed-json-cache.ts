/**
 * Stored JSON texts parsed once each: a session's limits and assessment are read as text with
 * every group of readings and every second by the alarm sweep, and hardly ever change. What it
 * returns is shared: callers must not change it. Bounded; when full it starts over.
 */
export class ParsedJsonCache<T> {
  private readonly parsed = new Map<string, T>();

  constructor(
    private readonly capacity: number,
    private readonly parse: (text: string) => T,
  ) {}

  get(text: string): T {
    let value = this.parsed.get(text);
    if (value === undefined) {
      if (this.parsed.size >= this.capacity) this.parsed.clear();
      value = this.parse(text);
      this.parsed.set(text, value);
    }
    return value;
  }
}
