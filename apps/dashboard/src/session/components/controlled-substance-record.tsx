import {
  ketamineBalance,
  ketamineGivenWithoutDraw,
  startedBeforePumpRecord,
  ketamineDrawSchema,
  ketamineWasteSchema,
  type KetamineEntry,
  type Session,
} from '@vigil/shared';
import { useState, type FormEvent } from 'react';
import { TextField } from '../../ui/components/form-field';
import { issuesToPathErrors, type FieldErrors } from '../../ui/forms/field-errors';
import { useSchemaForm } from '../../ui/forms/use-schema-form';
import { formatLocalDateTime } from '../../ui/utils/format-date-time';
import { useDrawKetamine, useKetamineRecord, useWasteKetamine } from '../hooks/use-ketamine-record';
import { formatMg, ketamineEntryWords } from '../utils/administration-words';
import { parseNumberField } from '../utils/parse-number';
import { ServerRefusal } from './server-refusal';

function DrawForm({ sessionId }: { sessionId: string }) {
  const draw = useDrawKetamine(sessionId);
  const { draft, setField, errors, handleSubmit, reset } = useSchemaForm({
    initial: { mg: '', lot: '' },
    schema: ketamineDrawSchema,
    toInput: (current) => ({ mg: parseNumberField(current.mg), lot: current.lot }),
  });
  const submit = handleSubmit((input) => draw.mutate(input, { onSuccess: reset }));
  return (
    <form aria-label="Record a draw" onSubmit={submit} noValidate>
      <div className="form-row">
        <TextField
          id="draw-mg"
          label="Drawn (mg)"
          inputMode="decimal"
          value={draft.mg}
          onValueChange={setField('mg')}
          error={errors.mg}
        />
        <TextField
          id="draw-lot"
          label="Lot"
          value={draft.lot}
          onValueChange={setField('lot')}
          error={errors.lot}
        />
      </div>
      <div className="form-actions">
        <button className="button" type="submit" disabled={draw.isPending}>
          {draw.isPending ? 'Recording…' : 'Record the draw'}
        </button>
      </div>
      {draw.error && <ServerRefusal title="Draw refused" error={draw.error} />}
    </form>
  );
}

type WasteField = 'mg' | 'witness.username' | 'witness.password';

/**
 * The waste, signed by a second clinician with their own username and password. The password is
 * cleared as the form is sent, whatever the answer: it lives only as long as the request.
 */
function WasteForm({ sessionId }: { sessionId: string }) {
  const { waste, isPending, error } = useWasteKetamine(sessionId);
  const [mg, setMg] = useState('');
  const [witness, setWitness] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors<WasteField>>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = ketamineWasteSchema.safeParse({
      mg: parseNumberField(mg),
      witness: { username: witness, password },
    });
    setPassword('');
    if (!parsed.success) {
      setErrors(issuesToPathErrors<WasteField>(parsed.error.issues));
      return;
    }
    setErrors({});
    void waste(parsed.data).then((recorded) => {
      if (!recorded) return;
      setMg('');
      setWitness('');
    });
  };

  return (
    <form aria-label="Record a witnessed waste" onSubmit={submit} noValidate autoComplete="off">
      <div className="form-row">
        <TextField
          id="waste-mg"
          label="Wasted (mg)"
          inputMode="decimal"
          value={mg}
          onValueChange={setMg}
          error={errors.mg}
        />
        <TextField
          id="waste-witness"
          label="Witness username"
          autoComplete="off"
          value={witness}
          onValueChange={setWitness}
          error={errors['witness.username']}
        />
        <TextField
          id="waste-witness-password"
          label="Witness password"
          type="password"
          autoComplete="off"
          value={password}
          onValueChange={setPassword}
          error={errors['witness.password']}
        />
      </div>
      <div className="form-actions">
        <button className="button" type="submit" disabled={isPending}>
          {isPending ? 'Recording…' : 'Record the witnessed waste'}
        </button>
      </div>
      {error !== null && <ServerRefusal title="Waste refused" error={error} />}
    </form>
  );
}

function EntryList({ entries }: { entries: readonly KetamineEntry[] }) {
  if (entries.length === 0) return <p className="page__status">Nothing drawn yet.</p>;
  return (
    <ol aria-label="Controlled-substance record">
      {entries.map((entry) => (
        <li key={entry.id} data-testid="ketamine-entry">
          <time dateTime={entry.at}>{formatLocalDateTime(entry.at)}</time>{' '}
          {ketamineEntryWords(entry)}
        </li>
      ))}
    </ol>
  );
}

interface ControlledSubstanceRecordProps {
  session: Session;
  /** Given, as the pump record says it now. */
  deliveredMg: number;
  mayRecord: boolean;
}

/** Ketamine drawn, given and wasted: the balance must close before the patient goes home. */
export function ControlledSubstanceRecord({
  session,
  deliveredMg,
  mayRecord,
}: ControlledSubstanceRecordProps) {
  const record = useKetamineRecord(session.id);
  const balance = record.data ? ketamineBalance(record.data.entries, deliveredMg) : null;
  return (
    <div className="administration__ketamine">
      <h3>Controlled substance</h3>
      {record.error && (
        <p className="form-error">Could not load the ketamine record: {record.error.message}</p>
      )}
      {record.data && balance && (
        <>
          <EntryList entries={record.data.entries} />
          <p data-testid="ketamine-balance" data-closed={balance.closed}>
            Drawn {formatMg(balance.drawnMg)} − given {formatMg(balance.givenMg)} − wasted{' '}
            {formatMg(balance.wastedMg)} = {formatMg(balance.balanceMg)}
            {balance.recorded && (balance.closed ? ' (balanced)' : ' unaccounted for')}
            {ketamineGivenWithoutDraw(balance, startedBeforePumpRecord(session)) &&
              ': given, but no draw recorded'}
          </p>
        </>
      )}
      {mayRecord && (
        <>
          <DrawForm sessionId={session.id} />
          <WasteForm sessionId={session.id} />
        </>
      )}
    </div>
  );
}
