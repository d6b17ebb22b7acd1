import PDFDocument from 'pdfkit';
import type { Session, TimelineEvent, VitalSample } from '@vigil/shared';

export interface ReportInput {
  session: Session;
  timeline: TimelineEvent[];
  vitals: VitalSample[];
}

type Series = {
  label: string;
  sign: 'systolic' | 'diastolic' | 'heartRate' | 'spo2' | 'respRate';
  color: string;
};

const SERIES: Series[] = [
  { label: 'Systolic', sign: 'systolic', color: '#b91c1c' },
  { label: 'Diastolic', sign: 'diastolic', color: '#ea580c' },
  { label: 'Heart rate', sign: 'heartRate', color: '#1d4ed8' },
  { label: 'SpO2', sign: 'spo2', color: '#047857' },
  { label: 'Resp. rate', sign: 'respRate', color: '#6b21a8' },
];

const time = (iso: string | null) => (iso ? iso.replace('T', ' ').slice(0, 19) + ' UTC' : '—');

/** One line per minute is plenty for a printed trend, whatever the monitor's rate. */
function perMinute(vitals: VitalSample[]): VitalSample[] {
  const byMinute = new Map<string, VitalSample>();
  for (const sample of vitals)
    byMinute.set(sample.at.slice(0, 16), { ...byMinute.get(sample.at.slice(0, 16)), ...sample });
  return [...byMinute.values()];
}

function drawTrend(doc: PDFKit.PDFDocument, vitals: VitalSample[], top: number): number {
  const left = 60;
  const width = 480;
  const height = 180;
  doc.fontSize(12).fillColor('#000').text('Vital signs over the session', left, top);
  const chartTop = top + 20;
  doc.rect(left, chartTop, width, height).strokeColor('#999').lineWidth(0.5).stroke();
  const points = perMinute(vitals);
  if (points.length < 2) {
    doc
      .fontSize(9)
      .fillColor('#555')
      .text('Not enough readings for a trend.', left + 10, chartTop + 10);
    return chartTop + height + 10;
  }
  const start = Date.parse(points[0].at);
  const span = Math.max(1, Date.parse(points[points.length - 1].at) - start);
  const yMax = 200;
  const x = (at: string) => left + ((Date.parse(at) - start) / span) * width;
  const y = (value: number) => chartTop + height - (Math.min(value, yMax) / yMax) * height;
  for (const grid of [50, 100, 150]) {
    doc
      .moveTo(left, y(grid))
      .lineTo(left + width, y(grid))
      .strokeColor('#e5e5e5')
      .stroke();
    doc
      .fontSize(7)
      .fillColor('#777')
      .text(String(grid), left - 20, y(grid) - 3);
  }
  for (const series of SERIES) {
    const line = points.filter((point) => point[series.sign] !== undefined);
    if (line.length < 2) continue;
    doc.moveTo(x(line[0].at), y(line[0][series.sign]!));
    for (const point of line.slice(1)) doc.lineTo(x(point.at), y(point[series.sign]!));
    doc.strokeColor(series.color).lineWidth(1).stroke();
  }
  let legendX = left;
  for (const series of SERIES) {
    doc.rect(legendX, chartTop + height + 6, 8, 8).fill(series.color);
    doc
      .fontSize(8)
      .fillColor('#000')
      .text(series.label, legendX + 11, chartTop + height + 6);
    legendX += 90;
  }
  doc
    .fontSize(7)
    .fillColor('#555')
    .text(
      `${time(points[0].at)} — ${time(points[points.length - 1].at)}`,
      left,
      chartTop + height + 20,
    );
  return chartTop + height + 34;
}

/** The printable session record: identity, assessment, trend, events and signatures. */
export function renderSessionReport(input: ReportInput, generatedAt: Date): Promise<Buffer> {
  const { session, timeline, vitals } = input;
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: { Title: `Vigil session ${session.id}` },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) =>
    doc.on('end', () => resolve(Buffer.concat(chunks))),
  );

  doc.fontSize(18).text('Ketamine infusion session record');
  doc
    .fontSize(9)
    .fillColor('#555')
    .text(`Vigil · generated ${time(generatedAt.toISOString())} · session ${session.id}`);
  doc.moveDown().fillColor('#000').fontSize(11);
  doc.text(`Bay ${session.bay} · patient ${session.patient.initials} · ${session.indication}`);
  doc.text(
    `Dose ${session.doseMgPerKg} mg/kg (${session.totalDoseMg} mg) over ${session.plannedDurationMin} min planned`,
  );
  doc.text(
    `State ${session.state} · started ${time(session.startedAt)} · ended ${time(session.endedAt)} · infusion ${session.elapsedMin} min`,
  );
  doc.moveDown();
  if (session.assessment) {
    const { baseline, flags } = session.assessment;
    doc.fontSize(12).text('Pre-infusion assessment');
    doc
      .fontSize(10)
      .text(
        `Baseline BP ${baseline.systolic}/${baseline.diastolic} mmHg, HR ${baseline.heartRate} bpm, SpO2 ${baseline.spo2} %` +
          (baseline.respRate !== undefined ? `, RR ${baseline.respRate}/min` : '') +
          ` · by ${session.assessment.assessedBy} at ${time(session.assessment.assessedAt)}`,
      );
    doc.text(
      flags.length
        ? `Flags: ${flags.map((flag) => flag.message).join('; ')}`
        : 'No contraindication flagged.',
    );
    if (session.override) {
      doc.text(
        `Physician override by ${session.override.by} at ${time(session.override.at)}: ${session.override.reason}`,
      );
    }
  } else {
    doc.fontSize(10).text('No pre-infusion assessment recorded.');
  }
  const afterChart = drawTrend(doc, vitals, doc.y + 14);

  doc.fillColor('#000').fontSize(12).text('Events', 50, afterChart);
  doc.fontSize(9);
  for (const event of timeline) {
    doc.text(`${time(event.at)}  ${event.kind.padEnd(12)}  ${event.actor}: ${event.summary}`, {
      width: 495,
    });
  }
  if (timeline.length === 0) doc.text('No events recorded.');

  doc.moveDown(2).fontSize(10);
  const actors = [...new Set(timeline.map((event) => event.actor))].join(', ');
  doc.text(`Recorded by: ${actors || '—'}`);
  doc
    .moveDown(1.5)
    .text('Nurse: ______________________________      Physician: ______________________________');
  doc.end();
  return done;
}
