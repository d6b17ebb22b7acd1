import type { FollowUpKind } from '@vigil/shared';
import type { FollowUpTask } from '../../api/api-client';
import { assertNever } from '../../ui/utils/assert-never';

export function followUpKindLabel(kind: FollowUpKind): string {
  switch (kind) {
    case 'next-day-call':
      return 'Next-day call';
    case 'integration-therapy':
      return 'Integration-therapy appointment';
    case 'suicide-risk-review':
      return 'Suicide-risk review';
    default:
      return assertNever(kind);
  }
}

/** A task the nurse must not miss: late, or a positive suicide screen to review. */
export function standsOut(task: FollowUpTask): boolean {
  return task.doneAt === undefined && (task.overdue || task.kind === 'suicide-risk-review');
}

/**
 * The order a nurse works through the list: what stands out first, then the open tasks by due
 * time, then those already done.
 */
export function followUpsInWorkOrder(tasks: readonly FollowUpTask[]): FollowUpTask[] {
  const rank = (task: FollowUpTask) => (task.doneAt !== undefined ? 2 : standsOut(task) ? 0 : 1);
  return [...tasks].sort(
    (a, b) => rank(a) - rank(b) || a.dueAt.localeCompare(b.dueAt) || a.id.localeCompare(b.id),
  );
}
