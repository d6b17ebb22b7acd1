import fc from 'fast-check';
import { FOLLOW_UP_KINDS } from '@vigil/shared';
import type { FollowUpTask } from '../../api/api-client';
import { followUpsInWorkOrder, standsOut } from './follow-up-list';

const task = (overrides: Partial<FollowUpTask> & Pick<FollowUpTask, 'id'>): FollowUpTask => ({
  sessionId: 's-1',
  kind: 'next-day-call',
  dueAt: '2026-12-02T10:00:00.000Z',
  overdue: false,
  ...overrides,
});

describe('the follow-up list', () => {
  it('makes an open overdue task or suicide-risk review stand out, never a done one', () => {
    expect(standsOut(task({ id: 'a', overdue: true }))).toBe(true);
    expect(standsOut(task({ id: 'b', kind: 'suicide-risk-review' }))).toBe(true);
    expect(standsOut(task({ id: 'c' }))).toBe(false);
    expect(
      standsOut(task({ id: 'd', kind: 'suicide-risk-review', doneAt: '2026-12-02T10:05:00Z' })),
    ).toBe(false);
  });

  it('puts what stands out first, then open tasks by due time, then those done', () => {
    const arbitraryTask = fc.record({
      id: fc.uuid(),
      sessionId: fc.constant('s-1'),
      kind: fc.constantFrom(...FOLLOW_UP_KINDS),
      dueAt: fc
        .integer({
          min: Date.parse('2026-12-01T00:00:00Z'),
          max: Date.parse('2026-12-04T00:00:00Z'),
        })
        .map((ms) => new Date(ms).toISOString()),
      overdue: fc.boolean(),
      doneAt: fc.option(fc.constant('2026-12-03T11:00:00.000Z'), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(arbitraryTask, { maxLength: 10 }), (tasks) => {
        const ordered = followUpsInWorkOrder(tasks);
        expect(new Set(ordered)).toEqual(new Set(tasks));
        const group = (t: FollowUpTask) => (t.doneAt !== undefined ? 2 : standsOut(t) ? 0 : 1);
        for (let index = 1; index < ordered.length; index += 1) {
          const [before, after] = [ordered[index - 1]!, ordered[index]!];
          expect(group(before)).toBeLessThanOrEqual(group(after));
          if (group(before) === group(after)) {
            expect(before.dueAt <= after.dueAt).toBe(true);
          }
        }
      }),
    );
  });
});
