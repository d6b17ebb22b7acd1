export const DETAIL_SUMMARY_LENGTH = 120;

/** Audit details are JSON: strings as they are, anything else in its JSON form. */
function formatValue(value: unknown): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(value) ?? '';
}

/** `key: value` pairs on one line, cut with an ellipsis when long; the table's title has it all. */
export function summariseDetail(
  detail: Record<string, unknown>,
  maxLength = DETAIL_SUMMARY_LENGTH,
): string {
  const text = Object.entries(detail)
    .map(([key, value]) => `${key}: ${formatValue(value)}`)
    .join(', ');
  if (text === '') return '—';
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}
