import fc from 'fast-check';
import { z } from 'zod';
import { createDeviceSchema } from '../devices/device.schema';
import { createPatientSchema } from '../patients/create-patient.schema';
import { createSessionSchema } from '../sessions/create-session.schema';
import { formatIssues } from './format-issues';
import { hasControlOrFormatCharacter, plainText } from './plain-text';

const PATIENT_ID = '00000000-0000-4000-8000-000000000001';

describe('plain text for names people read', () => {
  it.each([
    ['a right-to-left override', 'Bay \u202E7'],
    ['a left-to-right isolate', '\u2066Bay 7\u2069'],
    ['a zero-width space', 'Bay\u200B7'],
    ['a zero-width joiner', 'Bay\u200D7'],
    ['a byte-order mark', '\uFEFFBay 7'],
    ['a bell', 'Bay\u00077'],
    ['a C1 control', 'Bay\u00857'],
  ])('refuses %s', (_what, text) => {
    expect(hasControlOrFormatCharacter(text)).toBe(true);
  });

  it('accepts every printable name, accented and non-Latin letters included', () => {
    expect(hasControlOrFormatCharacter('Chaise 3 — étage B')).toBe(false);
    expect(hasControlOrFormatCharacter('ベッド 4')).toBe(false);
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'abcXYZ 019-_.#éøß日本'), minLength: 1 }),
        (text) => {
          expect(plainText(z.string()).safeParse(text).success).toBe(true);
        },
      ),
    );
  });

  it('names the field in the shared schemas: bay, MRN and device label', () => {
    const bidiBay = createSessionSchema.safeParse({
      patientId: PATIENT_ID,
      bay: 'Bay \u202E7',
      indication: 'depression',
    });
    expect(bidiBay.success).toBe(false);
    expect(formatIssues(bidiBay.error!)).toContain(
      'bay must not contain control or invisible formatting characters (such as bidi overrides)',
    );
    const patient = createPatientSchema.safeParse({
      mrn: 'MRN\u200B1',
      displayName: 'A',
      weightKg: 70,
    });
    expect(formatIssues(patient.error!)[0]).toMatch(/^mrn must not contain control/);
    const device = createDeviceSchema.safeParse({ label: 'Monitor\u2067', bay: 'B\u202D1' });
    expect(formatIssues(device.error!).map((line) => line.split(' ')[0])).toEqual(['label', 'bay']);
  });
});
