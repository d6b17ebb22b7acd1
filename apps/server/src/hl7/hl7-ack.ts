import { Hl7Message, Hl7Segment } from '@medplum/core';
import { type Hl7Refusal } from './oru-message';

/** What the ACK answers when the message could not even be read: a header of our own. */
const UNREADABLE = Hl7Message.parse('MSH|^~\\&|||||||ORU^R01||P|2.5');

/** HL7's escape sequences, so that a sender's text quoted back cannot split the ERR segment. */
function escapeHl7(text: string): string {
  return text
    .replace(/\\/g, '\\E\\')
    .replace(/\|/g, '\\F\\')
    .replace(/\^/g, '\\S\\')
    .replace(/&/g, '\\T\\')
    .replace(/~/g, '\\R\\')
    .replace(/[\r\n]+/g, ' ');
}

export function acceptAck(message: Hl7Message): string {
  return message.buildAck({ ackCode: 'AA' }).toString();
}

/**
 * MSA-1 AE or AR with an ERR segment naming the field: ERR-1 as v2.3 and v2.4 read it, ERR-2 to
 * ERR-4 and ERR-8 as v2.5 and later do.
 */
export function refusalAck(message: Hl7Message | null, refusal: Hl7Refusal): string {
  const { segment, sequence, field } = refusal.location;
  const [code, text] = refusal.error.split('^');
  const err = new Hl7Segment(
    [
      'ERR',
      `${segment}^${sequence}^${field}^${code}&${text}&HL70357`,
      `${segment}^${sequence}^${field}`,
      `${code}^${text}^HL70357`,
      'E',
      '',
      '',
      '',
      escapeHl7(refusal.message),
    ],
    (message ?? UNREADABLE).context,
  );
  return (message ?? UNREADABLE).buildAck({ ackCode: refusal.ackCode, errSegment: err }).toString();
}
