import { contraindicationCodeWords, type ContraindicationFlag } from '@vigil/shared';

/**
 * A contraindication in a nurse's words (the shared table the server's timeline reads too). With
 * the assessment's flag at hand its message carries the values (`baseline systolic 172 ≥ 160`); a
 * code alone (a refusal's details) gets its name.
 */
export function contraindicationWords(code: string, flag?: ContraindicationFlag): string {
  const name = contraindicationCodeWords(code);
  return flag ? `${name} (${flag.message})` : name;
}
