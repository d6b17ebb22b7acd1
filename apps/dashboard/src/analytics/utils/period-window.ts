/** A day picked on the page (`2026-11-02`) as the instant its local midnight begins. */
export function dayStart(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  if (!year || !month || !date) return '';
  return new Date(year, month - 1, date).toISOString();
}

/** The window from the first day's start to the end of the last day (inclusive). */
export function periodWindow(firstDay: string, lastDay: string): { from: string; to: string } {
  const from = dayStart(firstDay);
  const lastStart = dayStart(lastDay);
  if (!from || !lastStart) return { from: '', to: '' };
  const to = new Date(lastStart);
  to.setDate(to.getDate() + 1);
  return { from, to: to.toISOString() };
}

/** `2026-11-02`, in local time. */
export function localDay(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

/** The last four weeks up to today, and the four before: the usual before/after comparison. */
export function defaultPeriods(today: Date): Array<{ first: string; last: string }> {
  const daysAgo = (days: number) => {
    const at = new Date(today);
    at.setDate(at.getDate() - days);
    return localDay(at);
  };
  return [
    { first: daysAgo(55), last: daysAgo(28) },
    { first: daysAgo(27), last: daysAgo(0) },
  ];
}
