import type { TimelineEvent } from '@vigil/shared';
import { text } from 'node:stream/consumers';
import { spreadsheetSafe, timelineCsv } from './session-log.csv';

describe('the session log as CSV', () => {
  it.each(['=HYPERLINK("http://evil")', '+1+1', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd'])(
    'writes %j as text a spreadsheet will not run',
    (cell) => {
      expect(spreadsheetSafe(cell)).toBe(`'${cell}`);
    },
  );

  it('leaves ordinary text as it is', () => {
    expect(spreadsheetSafe('Nausea, moderate')).toBe('Nausea, moderate');
    expect(spreadsheetSafe('2026-11-25T13:05:00.000Z')).toBe('2026-11-25T13:05:00.000Z');
  });

  it('neutralises a formula typed into a note or a name in the exported file', async () => {
    const event: TimelineEvent = {
      at: '2026-11-25T13:05:00.000Z',
      kind: 'intervention',
      actor: '=cmd|"/c calc"!A1',
      summary: '=HYPERLINK("http://evil","click")',
      detail: {},
    };
    const lines = (await text(timelineCsv([event]))).trim().split('\n');
    expect(lines[0]).toBe('at,kind,actor,summary,detail');
    expect(lines[1]).toBe(
      `2026-11-25T13:05:00.000Z,intervention,"'=cmd|""/c calc""!A1","'=HYPERLINK(""http://evil"",""click"")",{}`,
    );
  });
});
