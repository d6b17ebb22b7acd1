import {
  currentPumpRate,
  deliveredMg,
  isLiveSession,
  pumpEventSchema,
  type Session,
} from '@vigil/shared';
import { TextField } from '../../ui/components/form-field';
import { useSchemaForm } from '../../ui/forms/use-schema-form';
import { useNow } from '../../ui/hooks/use-now';
import { formatLocalDateTime } from '../../ui/utils/format-date-time';
import { useRecordPumpEvent } from '../hooks/use-session-commands';
import { formatMg, pumpEventLabel, pumpRateWords } from '../utils/administration-words';
import { parseNumberField } from '../utils/parse-number';
import { ControlledSubstanceRecord } from './controlled-substance-record';
import { ServerRefusal } from './server-refusal';

/** Delivered so far, counted on between the server's updates from the same pump record. */
export function useLiveDeliveredMg(session: Session): number {
  const now = useNow();
  return deliveredMg(session.pumpEvents, session.infusionPlan.concentrationMgPerMl, now);
}

function RateChangeForm({ session }: { session: Session }) {
  const record = useRecordPumpEvent(session.id);
  const { draft, setField, errors, handleSubmit, reset } = useSchemaForm({
    initial: { rateMlPerH: '' },
    schema: pumpEventSchema,
    toInput: (current) => ({
      kind: 'rate-change',
      rateMlPerH: parseNumberField(current.rateMlPerH),
    }),
  });
  const submit = handleSubmit((input) => record.mutate(input, { onSuccess: reset }));
  return (
    <form aria-label="Change the pump rate" onSubmit={submit} noValidate>
      <div className="form-row">
        <TextField
          id="pump-rate"
          label="New rate (mL/h)"
          inputMode="decimal"
          value={draft.rateMlPerH}
          onValueChange={setField('rateMlPerH')}
          error={errors.rateMlPerH}
        />
      </div>
      <div className="form-actions">
        <button className="button" type="submit" disabled={record.isPending}>
          {record.isPending ? 'Recording…' : 'Record the rate change'}
        </button>
      </div>
      {record.error && <ServerRefusal title="Rate change refused" error={record.error} />}
    </form>
  );
}

/**
 * The administration record: what the pump did and when, the dose delivered so far, and the
 * controlled-substance record that must balance against it before discharge.
 */
export function AdministrationPanel({
  session,
  mayRecord,
}: {
  session: Session;
  mayRecord: boolean;
}) {
  const delivered = useLiveDeliveredMg(session);
  const { concentrationMgPerMl, rateMlPerH: plannedRate } = session.infusionPlan;
  return (
    <section className="page__section" aria-labelledby="administration-title">
      <h2 id="administration-title">Administration</h2>
      <dl className="administration__figures">
        <dt>Delivered</dt>
        <dd data-testid="delivered-mg">
          {formatMg(delivered)} of {session.totalDoseMg} mg
        </dd>
        <dt>Pump now</dt>
        <dd data-testid="pump-rate">{currentPumpRate(session.pumpEvents)} mL/h</dd>
        <dt>Ordered</dt>
        <dd>
          {plannedRate} mL/h at {concentrationMgPerMl} mg/mL
        </dd>
      </dl>
      {session.pumpEvents.length === 0 ? (
        <p className="page__status">The pump has not been started.</p>
      ) : (
        <ol className="administration__pump-record" aria-label="Pump record">
          {session.pumpEvents.map((event) => (
            <li key={event.id} data-testid="pump-event">
              <time dateTime={event.at}>{formatLocalDateTime(event.at)}</time>{' '}
              {pumpEventLabel(event.kind)}, {pumpRateWords(event)} ({event.recordedBy})
            </li>
          ))}
        </ol>
      )}
      {mayRecord && session.state === 'infusing' && <RateChangeForm session={session} />}
      <ControlledSubstanceRecord
        session={session}
        deliveredMg={delivered}
        mayRecord={mayRecord && (session.state === 'scheduled' || isLiveSession(session.state))}
      />
    </section>
  );
}
