import { ApiError } from '../../api/api-error';

/** What went wrong, in words; a 403 says plainly that the role is not allowed to do this. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError && error.statusCode === 403) {
    return `Not allowed — your role may not do this (${error.message})`;
  }
  return error instanceof Error ? error.message : String(error);
}

interface ErrorNoticeProps {
  /** What was being attempted: "Could not load users". */
  title: string;
  error: unknown;
}

export function ErrorNotice({ title, error }: ErrorNoticeProps) {
  return (
    <p className="form-error" role="alert">
      {title}: {describeError(error)}
    </p>
  );
}
