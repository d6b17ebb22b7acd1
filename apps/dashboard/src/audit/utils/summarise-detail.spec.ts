import { summariseDetail } from './summarise-detail';

describe('summariseDetail', () => {
  it('lists each field with its value, nested values as JSON', () => {
    expect(
      summariseDetail({ reason: 'nausea', rate: 0.5, confirmed: true, changes: { role: 'admin' } }),
    ).toBe('reason: nausea, rate: 0.5, confirmed: true, changes: {"role":"admin"}');
  });

  it('shows a dash for an empty detail', () => {
    expect(summariseDetail({})).toBe('—');
  });

  it('cuts a long detail to the length asked for, with an ellipsis', () => {
    const summary = summariseDetail({ note: 'x'.repeat(500) }, 40);
    expect(summary).toHaveLength(40);
    expect(summary.endsWith('…')).toBe(true);
  });
});
