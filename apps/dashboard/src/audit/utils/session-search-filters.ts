import {
  sessionSearchQuerySchema,
  type AlertPriority,
  type Session,
  type SessionSearchQueryInput,
} from '@vigil/shared';
import { issuesToFieldErrors, type ParsedFilters } from '../../ui/forms/field-errors';
import { fromLocalInputValue, toLocalInputValue } from './audit-filters';

export const SESSION_SEARCH_FIELDS = [
  'from',
  'to',
  'patient',
  'bay',
  'clinician',
  'priority',
] as const;
export type SessionSearchField = (typeof SESSION_SEARCH_FIELDS)[number];

/** The search as the address keeps it, so that a search can be bookmarked and shared. */
export type SessionSearchFilters = Partial<Record<SessionSearchField, string>>;

/** What the form edits: times as `datetime-local` values, the priority '' for any. */
export type SessionSearchDraft = Record<SessionSearchField, string>;

export type SessionSearchDraftResult = ParsedFilters<SessionSearchFilters, SessionSearchField>;

export function searchFiltersFromParams(params: URLSearchParams): SessionSearchFilters {
  const filters: SessionSearchFilters = {};
  for (const field of SESSION_SEARCH_FIELDS) {
    const value = params.get(field)?.trim();
    if (value) filters[field] = value;
  }
  return filters;
}

export function paramsFromSearchFilters(filters: SessionSearchFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const field of SESSION_SEARCH_FIELDS) {
    const value = filters[field];
    if (value) params.set(field, value);
  }
  return params;
}

export function draftFromSearchFilters(filters: SessionSearchFilters): SessionSearchDraft {
  return {
    from: toLocalInputValue(filters.from),
    to: toLocalInputValue(filters.to),
    patient: filters.patient ?? '',
    bay: filters.bay ?? '',
    clinician: filters.clinician ?? '',
    priority: filters.priority ?? '',
  };
}

export function hasSearchFilters(filters: SessionSearchFilters): boolean {
  return SESSION_SEARCH_FIELDS.some((field) => filters[field] !== undefined);
}

/**
 * Checks the form with the shared `sessionSearchQuerySchema`, that the range runs forwards, and
 * that something narrows the search: every search is an audited read of patient records, so
 * listing every session ever is not a search an auditor should make by accident.
 */
export function parseSearchDraft(draft: SessionSearchDraft): SessionSearchDraftResult {
  const candidate: SessionSearchFilters = {
    from: fromLocalInputValue(draft.from),
    to: fromLocalInputValue(draft.to),
    patient: draft.patient.trim() || undefined,
    bay: draft.bay.trim() || undefined,
    clinician: draft.clinician.trim() || undefined,
    priority: draft.priority || undefined,
  };
  for (const field of SESSION_SEARCH_FIELDS) {
    if (candidate[field] === undefined) delete candidate[field];
  }
  if (!hasSearchFilters(candidate)) {
    return { ok: false, errors: { form: 'Set at least one filter to search.' } };
  }
  const parsed = sessionSearchQuerySchema.safeParse(candidate);
  if (!parsed.success) return { ok: false, errors: issuesToFieldErrors(parsed.error.issues) };
  const { from, to } = parsed.data;
  if (from && to && Date.parse(from) > Date.parse(to)) {
    return { ok: false, errors: { to: 'must not be before From' } };
  }
  return { ok: true, filters: candidate };
}

/** The filters as the server reads them; an unknown priority in a hand-made address is left to it. */
export function toSessionSearchQuery(filters: SessionSearchFilters): SessionSearchQueryInput {
  const { priority, ...rest } = filters;
  return priority ? { ...rest, priority: priority as AlertPriority } : rest;
}

/** Newest first: an auditor reviews recent care first; the server answers in bay order. */
export function newestFirst(sessions: readonly Session[]): Session[] {
  return [...sessions].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}
