import type { Outcome } from '@vigil/shared';
import { anInfusion } from '../../../test/course.fixture';
import { courseRows, outcomeCell, recordedInstruments } from './course-table';

const outcome = (overrides: Partial<Outcome>): Outcome => ({
  id: 'o',
  sessionId: 's-1',
  instrument: 'PHQ-9',
  phase: 'pre',
  score: 14,
  at: '2026-12-01T09:50:00.000Z',
  recordedBy: 'nurse',
  ...overrides,
});

describe('the course comparison', () => {
  it('shows each phase of an instrument in order, the latest of a corrected score', () => {
    const infusion = anInfusion({
      outcomes: [
        outcome({ phase: 'post', score: 9, at: '2026-12-01T11:00:00.000Z' }),
        outcome({ phase: 'pre', score: 14 }),
        outcome({ phase: 'post', score: 6, at: '2026-12-01T11:05:00.000Z' }),
        outcome({ instrument: 'PACS', phase: 'pre', score: 20 }),
      ],
    });
    expect(outcomeCell(infusion, 'PHQ-9')).toBe('pre 14 · post 6');
    expect(outcomeCell(infusion, 'MADRS')).toBe('—');
    expect(recordedInstruments([infusion])).toEqual(['PHQ-9', 'PACS']);
  });

  it('lays out a cell per infusion, unmeasured values as a dash, an estimated dose labelled so', () => {
    const rows = courseRows([
      anInfusion(),
      anInfusion({
        number: 2,
        peakSystolic: null,
        peakDiastolic: null,
        minSpo2: null,
        sideEffects: [],
        alerts: { high: 0, medium: 0, low: 3 },
        deliveredSource: 'planned-rate',
      }),
    ]);
    const cells = (label: string) => rows.find((row) => row.label === label)?.cells;
    expect(cells('Peak blood pressure')).toEqual(['162/95 mmHg', '—/— mmHg']);
    expect(cells('Lowest SpO2')).toEqual(['93 %', '— %']);
    expect(cells('Alarms')).toEqual(['1 high · 2 medium · 0 low', '0 high · 0 medium · 3 low']);
    expect(cells('Side effects')).toEqual(['Nausea, Visual disturbance', 'none']);
    expect(cells('Delivered')).toEqual(['35 mg', '35 mg (estimated from the planned rate)']);
  });
});
