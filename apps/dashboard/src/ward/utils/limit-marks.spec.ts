import { anAlert } from '../../../test/alert.fixture';
import { limitMarks } from './limit-marks';

describe('limitMarks', () => {
  it('marks the sign of each open physiological alert with its priority and side', () => {
    expect(
      limitMarks([
        anAlert({ id: 'a', code: 'SPO2_LOW', priority: 'high' }),
        anAlert({ id: 'b', code: 'SYSTOLIC_HIGH', priority: 'medium', state: 'acknowledged' }),
      ]),
    ).toEqual({
      spo2: { priority: 'high', side: 'below' },
      systolic: { priority: 'medium', side: 'above' },
    });
  });

  it('keeps the highest priority when one sign has two open alerts', () => {
    expect(
      limitMarks([
        anAlert({ id: 'a', code: 'HR_HIGH', priority: 'medium' }),
        anAlert({ id: 'b', code: 'HR_HIGH', priority: 'high' }),
        anAlert({ id: 'c', code: 'HR_HIGH', priority: 'low' }),
      ]),
    ).toEqual({ heartRate: { priority: 'high', side: 'above' } });
  });

  it('marks no value for technical, clinical or resolved alerts', () => {
    expect(
      limitMarks([
        anAlert({ id: 'a', kind: 'technical', code: 'SIGNAL_LOSS', priority: 'medium' }),
        anAlert({ id: 'b', kind: 'technical', code: 'BP_OVERDUE', priority: 'medium' }),
        anAlert({ id: 'c', kind: 'clinical', code: 'SIDE_EFFECT_SEVERE', priority: 'high' }),
        anAlert({ id: 'd', code: 'RR_LOW', state: 'resolved' }),
      ]),
    ).toEqual({});
  });
});
