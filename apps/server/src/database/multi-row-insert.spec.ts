import { multiRowInsert, powerOfTwoChunks } from './multi-row-insert';

describe('multi-row inserts', () => {
  it('numbers PostgreSQL placeholders across rows and uses ? for SQLite', () => {
    const rows = [
      [1, 'a'],
      [2, 'b'],
    ];
    expect(multiRowInsert('t', ['x', 'y'], rows, true)).toEqual({
      sql: 'INSERT INTO t (x, y) VALUES ($1, $2), ($3, $4)',
      parameters: [1, 'a', 2, 'b'],
    });
    expect(multiRowInsert('t', ['x', 'y'], rows, false).sql).toBe(
      'INSERT INTO t (x, y) VALUES (?, ?), (?, ?)',
    );
  });

  it('splits rows into power-of-two runs, in order, none larger than asked', () => {
    const rows = Array.from({ length: 1_300 }, (_, index) => index);
    const chunks = powerOfTwoChunks(rows);
    expect(chunks.map((chunk) => chunk.length)).toEqual([512, 512, 256, 16, 4]);
    expect(chunks.flat()).toEqual(rows);
    expect(powerOfTwoChunks([])).toEqual([]);
  });
});
