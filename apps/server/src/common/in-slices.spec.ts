import { forEachInSlices } from './in-slices';

describe('forEachInSlices', () => {
  it('does every item in order, and lets waiting callbacks run between slices only', async () => {
    const seen: string[] = [];
    setImmediate(() => seen.push('waiting callback'));
    await forEachInSlices([0, 1, 2, 3, 4, 5, 6, 7, 8], 4, async (item) => {
      await Promise.resolve();
      seen.push(String(item));
    });
    expect(seen).toEqual(['0', '1', '2', '3', 'waiting callback', '4', '5', '6', '7', '8']);
  });

  it('passes on the first failure and does no more', async () => {
    const seen: number[] = [];
    const failing = forEachInSlices([1, 2, 3], 2, (item) => {
      if (item === 2) throw new Error('item 2 failed');
      seen.push(item);
    });
    await expect(failing).rejects.toThrow('item 2 failed');
    expect(seen).toEqual([1]);
  });
});
