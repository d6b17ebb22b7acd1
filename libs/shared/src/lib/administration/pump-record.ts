import { z } from 'zod';
import { expecting } from '../validation/format-issues';
import { isoDateTime } from '../validation/iso-date-time';

/** What the nurse does at the pump: each is recorded with its time and the rate then running. */
export const PUMP_EVENT_KINDS = ['start', 'rate-change', 'pause', 'resume', 'stop'] as const;
export type PumpEventKind = (typeof PUMP_EVENT_KINDS)[number];

/** A syringe pump's ceiling for this use: far above any ketamine order at 1 mg/mL. */
export const MAX_PUMP_RATE_ML_PER_H = 999;

export interface PumpEvent {
  id: string;
  sessionId: string;
  kind: PumpEventKind;
  at: string;
  /** The rate running from this event on: 0 for a pause and a stop. */
  rateMlPerH: number;
  recordedBy: string;
}

/**
 * Started before the administration record existed (migration AdministrationRecord1764151200000):
 * every start since writes its pump `start` event in the same transaction as the state change,
 * so a started session whose record does not open with one began before it, and its delivered
 * dose is an estimate from the planned rate.
 */
export function startedBeforePumpRecord(session: {
  startedAt: string | null;
  pumpEvents: readonly Pick<PumpEvent, 'kind'>[];
}): boolean {
  return session.startedAt !== null && session.pumpEvents[0]?.kind !== 'start';
}

/** A pause and a stop leave the pump at zero; the other kinds name the rate that runs. */
export function isRunningKind(kind: PumpEventKind): boolean {
  return kind === 'start' || kind === 'rate-change' || kind === 'resume';
}

const rate = z
  .number({ error: expecting(`must be a rate in mL/h between 0.1 and ${MAX_PUMP_RATE_ML_PER_H}`) })
  .min(0.1, `must be between 0.1 and ${MAX_PUMP_RATE_ML_PER_H} mL/h`)
  .max(MAX_PUMP_RATE_ML_PER_H, `must be between 0.1 and ${MAX_PUMP_RATE_ML_PER_H} mL/h`);

/**
 * `POST /sessions/:id/pump-events`. A start, pause, resume or stop moves the session with it (a
 * pause needs its reason, a stop before the planned duration too); a start or resume without a
 * rate runs at the order's; a rate change needs its rate.
 */
export const pumpEventSchema = z
  .strictObject({
    kind: z.enum(PUMP_EVENT_KINDS, {
      error: expecting(`must be one of ${PUMP_EVENT_KINDS.join(', ')}`),
    }),
    at: isoDateTime().optional(),
    rateMlPerH: rate.optional(),
    reason: z.string().trim().min(3, 'must say why (at least 3 characters)').max(1000).optional(),
  })
  .superRefine((input, ctx) => {
    if (input.kind === 'rate-change' && input.rateMlPerH === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['rateMlPerH'],
        message: 'a rate change needs its rate',
      });
    }
    if ((input.kind === 'pause' || input.kind === 'stop') && input.rateMlPerH !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['rateMlPerH'],
        message: `a ${input.kind} leaves the pump at zero: give no rate`,
      });
    }
    if (input.kind === 'pause' && !input.reason) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'a pause needs its reason' });
    }
  });
export type PumpEventInput = z.input<typeof pumpEventSchema>;

/** The rate running after these events (in time order): the last event's. */
export function currentPumpRate(events: readonly Pick<PumpEvent, 'rateMlPerH'>[]): number {
  return events.at(-1)?.rateMlPerH ?? 0;
}

/**
 * The ketamine delivered by `now`, in mg: ∑ rate × time × concentration over the record, each
 * rate running from its event to the next (a pause and a stop run at zero). Events after `now`
 * have not happened yet. Unrounded: the screen and the balance round it themselves.
 */
export function deliveredMg(
  events: readonly Pick<PumpEvent, 'at' | 'rateMlPerH'>[],
  concentrationMgPerMl: number,
  now: number,
): number {
  let mlDelivered = 0;
  for (let index = 0; index < events.length; index += 1) {
    const event = events[index];
    if (!event) continue;
    const from = Date.parse(event.at);
    const next = events[index + 1];
    const to = Math.min(next ? Date.parse(next.at) : now, now);
    if (to > from) mlDelivered += (event.rateMlPerH * (to - from)) / 3_600_000;
  }
  return mlDelivered * concentrationMgPerMl;
}

/** To 0.1 mg, as the record is read and the controlled-substance balance is kept. */
export function roundMg(mg: number): number {
  return Math.round(mg * 10) / 10;
}
