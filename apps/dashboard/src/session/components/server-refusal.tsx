import { refusalSentences } from '../../ui/errors/refusal-words';

interface ServerRefusalProps {
  /** What was refused: "Discharge refused". */
  title: string;
  error: unknown;
}

/** A refused command, each reason (unmet criterion, current state, role) a sentence of its own. */
export function ServerRefusal({ title, error }: ServerRefusalProps) {
  return (
    <div className="form-error" role="alert">
      <p className="session-refusal__title">{title}:</p>
      <ul className="session-refusal__reasons">
        {refusalSentences(error).map((reason) => (
          <li key={reason}>{reason}</li>
        ))}
      </ul>
    </div>
  );
}
