import { ApiError } from '../../api/api-error';
import { describeError } from '../components/error-notice';
import { serverMessagesToFieldErrors, type FieldErrors } from './field-errors';

/**
 * A refused write beside the fields it names (a 400 or 409 says `username … already exists`);
 * a 403, a network failure or anything else for the form as a whole.
 */
export function refusalToFieldErrors<Field extends string>(
  error: unknown,
  fields: readonly Field[],
): FieldErrors<Field> {
  if (error instanceof ApiError && error.statusCode !== 403)
    return serverMessagesToFieldErrors(error.messages, fields);
  const errors: FieldErrors<Field> = {};
  errors.form = describeError(error);
  return errors;
}
