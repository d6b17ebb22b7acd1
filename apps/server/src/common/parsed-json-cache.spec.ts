import { ParsedJsonCache } from './parsed-json-cache';

describe('ParsedJsonCache', () => {
  it('parses a text once and hands back the same value for an equal text', () => {
    const parse = jest.fn((text: string) => JSON.parse(text) as { low: number });
    const cache = new ParsedJsonCache(10, parse);
    const first = cache.get('{"low":90}');
    // Another string object with the same characters, as each query returns.
    const again = cache.get(['{"low":', '90}'].join(''));
    expect(again).toBe(first);
    expect(first).toEqual({ low: 90 });
    expect(parse).toHaveBeenCalledTimes(1);
  });

  it('keeps no more than its capacity', () => {
    const parse = jest.fn((text: string) => Number(text));
    const cache = new ParsedJsonCache(2, parse);
    cache.get('1');
    cache.get('2');
    cache.get('3');
    cache.get('1');
    expect(parse).toHaveBeenCalledTimes(4);
  });
});
