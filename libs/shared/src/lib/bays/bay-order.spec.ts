import { compareBays } from './bay-order';

describe('compareBays', () => {
  it('orders bays the way they are numbered on the ward, not alphabetically', () => {
    expect(['10', '2', '1', 'B12', 'B3', 'a2'].sort(compareBays)).toEqual([
      '1',
      '2',
      '10',
      'a2',
      'B3',
      'B12',
    ]);
  });
});
