import { multiRowInsert, multiRowInserts, powerOfTwoChunks } from './multi-row-insert';

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

  it('sends a group in one statement on PostgreSQL, up to its 65,535 parameters', () => {
    const row = (index: number) => [index, 'a', 'b'];
    const few = Array.from({ length: 1_300 }, (_, index) => row(index));
    expect(multiRowInserts('t', ['x', 'y', 'z'], few, true)).toHaveLength(1);
    const many = Array.from({ length: 30_000 }, (_, index) => row(index));
    const statements = multiRowInserts('t', ['x', 'y', 'z'], many, true);
    expect(statements.map(({ parameters }) => parameters.length)).toEqual([65_535, 24_465]);
    expect(statements.flatMap(({ parameters }) => parameters)).toEqual(many.flat());
    expect(multiRowInserts('t', ['x', 'y', 'z'], few, false)).toHaveLength(5);
  });
});
