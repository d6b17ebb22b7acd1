import {
  ALERT_RESOLVED_REASON_WORDS,
  INTERVENTION_KIND_WORDS,
  SIDE_EFFECT_WORDS,
  alertCodeWords,
  contraindicationCodeWords,
  wordsOrCode,
  type AuditEntry,
  type TimelineEvent,
  type TimelineKind,
} from '@vigil/shared';

const STATE_WORDS: Record<string, string> = {
  'session.created': 'Session scheduled',
  'session.order': 'Order signed',
  'session.start': 'Infusion started',
  'session.pause': 'Infusion paused',
  'session.resume': 'Infusion resumed',
  'session.stop': 'Infusion stopped; recovery',
  'session.discharge': 'Discharged',
  'session.abort': 'Session aborted',
};

/** Usernames to the names people know them by; a name not found reads as the username. */
export type PeopleNames = ReadonlyMap<string, string>;

const nameIn = (names: PeopleNames, username: unknown): string =>
  names.get(String(username)) ?? String(username);

/** What the pump did, and the controlled-substance record (`ketamine.read` is a read, not an event). */
const ADMINISTRATION_WORDS: Record<
  string,
  (detail: Record<string, unknown>, names: PeopleNames) => string
> = {
  'pump.start': (detail) => `Pump started at ${String(detail['rateMlPerH'])} mL/h`,
  'pump.rate-change': (detail) => `Pump rate ${String(detail['rateMlPerH'])} mL/h`,
  'pump.pause': () => 'Pump paused',
  'pump.resume': (detail) => `Pump resumed at ${String(detail['rateMlPerH'])} mL/h`,
  'pump.stop': () => 'Pump stopped',
  'ketamine.drawn': (detail) =>
    `Ketamine drawn ${String(detail['mg'])} mg (lot ${String(detail['lot'])})`,
  'ketamine.wasted': (detail, names) =>
    `Wasted ${String(detail['mg'])} mg, witnessed by ${nameIn(names, detail['witnessedBy'])}`,
};

/** A scale as clinicians write it; the others read right upper-cased (CADSS, MOAAS, RASS). */
const SCALE_NAMES: Record<string, string> = { cadss6: 'CADSS-6' };

function kindOf(action: string): TimelineKind | null {
  if (action in STATE_WORDS) return 'state';
  if (action === 'session.assess') return 'assessment';
  if (action === 'session.override') return 'override';
  if (action === 'observation.recorded') return 'observation';
  if (action === 'intervention.recorded') return 'intervention';
  if (action.startsWith('alert.')) return 'alert';
  if (action in ADMINISTRATION_WORDS) return 'administration';
  return null;
}

/** A list of codes read back from an entry's detail, each in its words. */
function codeList(value: unknown, words: (code: string) => string): string[] {
  return Array.isArray(value) ? value.map((code) => words(String(code))) : [];
}

/** What happened to an alert, in words; an alert names its code's words, never the code. */
const ALERT_WORDS: Record<string, (detail: Record<string, unknown>) => string> = {
  'alert.raised': (detail) => withText('raised', detail['message']),
  'alert.repeated': (detail) => withText('repeated', detail['message']),
  'alert.upgraded': (detail) =>
    `upgraded from ${String(detail['from'])} to ${String(detail['to'])} priority`,
  'alert.acknowledged': (detail) =>
    withText(
      typeof detail['from'] === 'string' && detail['from']
        ? `acknowledged from ${detail['from']}`
        : 'acknowledged',
      detail['note'],
    ),
  'alert.reminded': () => 'reminded again: the condition persists',
  'alert.escalated': (detail) =>
    detail['level'] === 1
      ? 'escalated to the supervising physician'
      : 'escalated to every clinician on duty',
  'alert.resolved': (detail) =>
    `resolved: ${wordsOrCode(ALERT_RESOLVED_REASON_WORDS, String(detail['reason']))}`,
  'alert.routed': (detail) => {
    const count = Array.isArray(detail['recipients']) ? detail['recipients'].length : 0;
    return `sent to ${count} ${count === 1 ? 'clinician' : 'clinicians'}`;
  },
  'alert.seen': () => 'opened',
};

function withText(words: string, text: unknown): string {
  return typeof text === 'string' && text ? `${words}: ${text}` : words;
}

function summarise(entry: AuditEntry, kind: TimelineKind, names: PeopleNames): string {
  const detail = entry.detail;
  const text = (key: string) => (typeof detail[key] === 'string' ? detail[key] : '');
  switch (kind) {
    case 'state': {
      if (entry.action === 'session.order') {
        return `Order signed: ${String(detail['doseMgPerKg'])} mg/kg over ${String(detail['plannedDurationMin'])} min`;
      }
      const reason = text('reason');
      return reason
        ? `${STATE_WORDS[entry.action]}: ${reason}`
        : (STATE_WORDS[entry.action] ?? entry.action);
    }
    case 'assessment': {
      const flags = codeList(detail['flags'], contraindicationCodeWords);
      return flags.length
        ? `Assessment: ${flags.length} flag(s): ${flags.join('; ')}`
        : 'Assessment: no contraindication';
    }
    case 'override': {
      const flags = codeList(detail['flags'], contraindicationCodeWords);
      const covering = flags.length ? ` of ${flags.join('; ')}` : '';
      return `Physician override${covering}: ${text('reason')}`;
    }
    case 'observation': {
      const scores = (detail['scores'] ?? {}) as Record<string, number>;
      const scoreText = Object.entries(scores)
        .map(([scale, value]) => `${SCALE_NAMES[scale] ?? scale.toUpperCase()} ${value}`)
        .join(', ');
      const what = wordsOrCode(SIDE_EFFECT_WORDS, text('type'));
      return [`${what} (${text('severity')})`, scoreText, text('note')].filter(Boolean).join(' · ');
    }
    case 'intervention':
      return `${wordsOrCode(INTERVENTION_KIND_WORDS, text('kind'))}: ${text('detail')}`;
    case 'alert': {
      const what = text('code') ? `${alertCodeWords(text('code'))} alert` : 'Alert';
      const happened = ALERT_WORDS[entry.action]?.(detail) ?? entry.action.replace('alert.', '');
      return `${what} ${happened}`;
    }
    case 'administration':
      return ADMINISTRATION_WORDS[entry.action]?.(detail, names) ?? entry.action;
  }
}

const OWN_TIME: ReadonlySet<TimelineKind> = new Set([
  'observation',
  'intervention',
  'state',
  'assessment',
  'administration',
]);

/** A clinical event happened at its own time (an observation may be recorded late); an alert when audited. */
function eventTime(entry: AuditEntry, kind: TimelineKind): string {
  const at = entry.detail['at'];
  return OWN_TIME.has(kind) && typeof at === 'string' ? at : entry.at;
}

/** Whether an audit entry is an event of the session's timeline (a vitals batch is not). */
export function isTimelineEntry(entry: AuditEntry): boolean {
  return kindOf(entry.action) !== null;
}

/** The usernames these entries name people by: who did it, and who witnessed a waste. */
export function usernamesIn(entries: readonly AuditEntry[]): string[] {
  const usernames = new Set<string>();
  for (const entry of entries) {
    usernames.add(entry.actor);
    const witness = entry.detail['witnessedBy'];
    if (typeof witness === 'string') usernames.add(witness);
  }
  return [...usernames];
}

/**
 * The timeline events among audit entries (a page of them, say), in the entries' order. The
 * session's timeline is read from its audit entries: every clinical write is audited in the same
 * transaction, so the log an auditor reads is the tamper-evident record itself. `actor` stays the
 * trail's username; `names` gives the display name people read beside it.
 */
export function timelineEvents(
  entries: readonly AuditEntry[],
  names: PeopleNames = new Map(),
): TimelineEvent[] {
  return entries.flatMap((entry) => {
    const kind = kindOf(entry.action);
    if (!kind) return [];
    const actorName = names.get(entry.actor);
    return [
      {
        at: eventTime(entry, kind),
        kind,
        actor: entry.actor,
        ...(actorName !== undefined && { actorName }),
        summary: summarise(entry, kind, names),
        detail: entry.detail,
      },
    ];
  });
}

/** In the order events happened; of two at the same time, the one audited first stays first. */
export function inTimeOrder(events: TimelineEvent[]): TimelineEvent[] {
  return events.sort((a, b) => a.at.localeCompare(b.at));
}
