import { render } from '@testing-library/react';
import { DeliveredDoseChart } from './delivered-dose-chart';

const T0 = Date.UTC(2026, 10, 25, 9, 0);
const SECOND = 1_000;

describe('DeliveredDoseChart', () => {
  it('labels a small dose with its precision and unit, on an axis wide enough for them', () => {
    // 6 mL/h of 1 mg/mL for 90 s: 0.15 mg, where a 40 px axis read ".15" and ".05".
    const { container } = render(
      <DeliveredDoseChart
        points={[
          { time: T0, rateMlPerH: 6, deliveredMg: 0 },
          { time: T0 + 90 * SECOND, rateMlPerH: 6, deliveredMg: 0.15 },
        ]}
        domain={{ from: T0, to: T0 + 90 * SECOND }}
      />,
    );
    const [mg, rate] = Array.from(container.querySelectorAll('.recharts-yAxis-tick-labels')).map(
      (axis) =>
        Array.from(axis.querySelectorAll('.recharts-cartesian-axis-tick-value')).map(
          (label) => label.textContent,
        ),
    );
    expect(mg).toEqual(['0.00 mg', '0.05 mg', '0.10 mg', '0.15 mg']);
    expect(rate).toEqual(['0 mL/h', '5 mL/h', '10 mL/h']);
    // The plot starts where the mg axis, sized to "0.15 mg", ends: wider than the 40 px that cut it.
    const plotLeft = Number(
      container.querySelector('.recharts-cartesian-grid line')?.getAttribute('x'),
    );
    expect(plotLeft).toBeGreaterThan(60);
  });
});
