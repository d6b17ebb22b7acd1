import { ApiError } from '../../api/api-error';
import { describeError } from '../../ui/components/error-notice';

interface ServerRefusalProps {
  /** What was refused: "Discharge refused". */
  title: string;
  error: unknown;
}

/**
 * The server's answer to a refused command, in its own words: a 409 or 400 lists each reason
 * (unmet criterion, current state) as a line of its own; a 403 says the role may not do this.
 */
export function ServerRefusal({ title, error }: ServerRefusalProps) {
  const reasons =
    error instanceof ApiError && error.statusCode !== 403 && error.messages.length > 0
      ? error.messages
      : [describeError(error)];
  return (
    <div className="form-error" role="alert">
      <p className="session-refusal__title">{title}:</p>
      <ul className="session-refusal__reasons">
        {reasons.map((reason) => (
          <li key={reason}>{reason}</li>
        ))}
      </ul>
    </div>
  );
}
