import { auditQuerySchema, type AuditQueryInput } from '@vigil/shared';
import { issuesToFieldErrors, type ParsedFilters } from '../../ui/forms/field-errors';

export const AUDIT_FILTER_FIELDS = ['from', 'to', 'actor', 'sessionId'] as const;
export type AuditFilterField = (typeof AUDIT_FILTER_FIELDS)[number];

/** The filters an auditor sets; they live in the URL so a view can be bookmarked and shared. */
export type AuditFilters = Partial<Record<AuditFilterField, string>>;

/** What the form edits: times as `datetime-local` values (local time, minutes). */
export type AuditFilterDraft = Record<AuditFilterField, string>;

/** How many entries one view asks for (the server's maximum is 5 000). */
export const AUDIT_PAGE_LIMIT = 1_000;

const pad = (value: number): string => String(value).padStart(2, '0');

/** An ISO time as a `datetime-local` value in the browser's zone; '' if it is not a time. */
export function toLocalInputValue(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}`
  );
}

/** A `datetime-local` value (local time) as ISO UTC; anything unreadable is left for the schema. */
export function fromLocalInputValue(value: string): string | undefined {
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  const date = new Date(trimmed);
  return Number.isNaN(date.getTime()) ? trimmed : date.toISOString();
}

export function filtersFromSearchParams(params: URLSearchParams): AuditFilters {
  const filters: AuditFilters = {};
  for (const field of AUDIT_FILTER_FIELDS) {
    const value = params.get(field)?.trim();
    if (value) filters[field] = value;
  }
  return filters;
}

export function searchParamsFromFilters(filters: AuditFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const field of AUDIT_FILTER_FIELDS) {
    const value = filters[field];
    if (value) params.set(field, value);
  }
  return params;
}

export function draftFromFilters(filters: AuditFilters): AuditFilterDraft {
  return {
    from: toLocalInputValue(filters.from),
    to: toLocalInputValue(filters.to),
    actor: filters.actor ?? '',
    sessionId: filters.sessionId ?? '',
  };
}

export type DraftResult = ParsedFilters<AuditFilters, AuditFilterField>;

/** Checks the form with the shared `auditQuerySchema`, and that the range runs forwards. */
export function parseFilterDraft(draft: AuditFilterDraft): DraftResult {
  const candidate: AuditFilters = {
    from: fromLocalInputValue(draft.from),
    to: fromLocalInputValue(draft.to),
    actor: draft.actor.trim() || undefined,
    sessionId: draft.sessionId.trim() || undefined,
  };
  for (const field of AUDIT_FILTER_FIELDS) {
    if (candidate[field] === undefined) delete candidate[field];
  }
  const parsed = auditQuerySchema.safeParse(candidate);
  if (!parsed.success) return { ok: false, errors: issuesToFieldErrors(parsed.error.issues) };
  const { from, to } = parsed.data;
  if (from && to && Date.parse(from) > Date.parse(to)) {
    return { ok: false, errors: { to: 'must not be before From' } };
  }
  return { ok: true, filters: candidate };
}

export function toAuditQuery(filters: AuditFilters): AuditQueryInput {
  return { ...filters, limit: AUDIT_PAGE_LIMIT };
}
