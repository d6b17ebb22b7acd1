import PDFDocument from 'pdfkit';
import {
  INDICATION_WORDS,
  SESSION_STATE_WORDS,
  TIMELINE_KIND_WORDS,
  type KetamineBalance,
  type Patient,
  type Session,
  type ThresholdProfile,
  type TimelineEvent,
  type VitalSample,
} from '@vigil/shared';
import { clinicTime } from '../common/clinic-time';
import { reportCharts, type ChartLimit, type ReportChart } from './report-charts';

export interface ReportInput {
  session: Session;
  patient: Pick<Patient, 'displayName' | 'mrn' | 'birthDate'>;
  timeline: TimelineEvent[];
  vitals: VitalSample[];
  /** The alarm limits the session was evaluated by. */
  limits: ThresholdProfile;
  /** The controlled-substance record against the pump record's delivered dose. */
  ketamine: KetamineBalance;
}

export interface ReportSettings {
  generatedAt: Date;
  /** The clinic's IANA zone: every time is printed in it, with its offset. */
  timeZone: string;
}

interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

const PAGE_LEFT = 50;
const PAGE_WIDTH = 495;
const CHART_WIDTH = 235;
const CHART_HEIGHT = 110;
const CHART_GAP = 25;
/** About one interval per printed point across a chart: as fine as the paper can show. */
const CHART_INTERVALS = CHART_WIDTH;

const LIMIT_STYLE: Record<ChartLimit['priority'], { color: string; dash: number | null }> = {
  high: { color: '#dc2626', dash: null },
  medium: { color: '#ca8a04', dash: 3 },
};

/** `Casey Jones · MRN 123 · born 1980-02-03`: the two identifiers a printed record needs. */
function patientIdentity(patient: ReportInput['patient']): string {
  return [
    patient.displayName,
    `MRN ${patient.mrn}`,
    ...(patient.birthDate ? [`born ${patient.birthDate}`] : []),
  ].join(' · ');
}

/** The session's alarm limits, dashed for medium and solid for high, labelled at the right. */
function drawLimitLines(
  doc: PDFKit.PDFDocument,
  limits: readonly ChartLimit[],
  box: Box,
  y: (value: number) => number,
): void {
  for (const limit of limits) {
    const style = LIMIT_STYLE[limit.priority];
    const at = y(limit.value);
    if (at < box.top || at > box.top + box.height) continue;
    doc
      .moveTo(box.left, at)
      .lineTo(box.left + box.width, at)
      .lineWidth(0.6);
    if (style.dash) doc.dash(style.dash, { space: 2 });
    doc.strokeColor(style.color).stroke().undash();
    doc
      .fontSize(6)
      .fillColor(style.color)
      .text(limit.label, box.left + box.width - 60, at - 7, { width: 58, align: 'right' });
  }
}

function drawChart(
  doc: PDFKit.PDFDocument,
  chart: ReportChart,
  span: { from: number; to: number },
  box: Box,
): void {
  doc
    .fontSize(9)
    .fillColor('#000')
    .text(`${chart.title} (${chart.unit})`, box.left, box.top - 12, { lineBreak: false });
  doc.rect(box.left, box.top, box.width, box.height).lineWidth(0.5).strokeColor('#999').stroke();
  const range = Math.max(1, chart.high - chart.low);
  const y = (value: number) => box.top + box.height - ((value - chart.low) / range) * box.height;
  const x = (time: number) =>
    box.left + ((time - span.from) / Math.max(1, span.to - span.from)) * box.width;
  for (const value of [chart.low, chart.high]) {
    doc
      .fontSize(6)
      .fillColor('#777')
      .text(String(value), box.left - 22, y(value) - 3, { width: 19, align: 'right' });
  }
  drawLimitLines(doc, chart.limits, box, y);
  chart.lines.forEach((line, index) => {
    const [first, ...rest] = line.points;
    if (first) {
      if (rest.length === 0) doc.circle(x(first.time), y(first.value), 1).fill(line.color);
      else {
        doc.moveTo(x(first.time), y(first.value));
        for (const point of rest) doc.lineTo(x(point.time), y(point.value));
        doc.lineWidth(0.8).strokeColor(line.color).stroke();
      }
    }
    doc.rect(box.left + index * 70, box.top + box.height + 4, 6, 6).fill(line.color);
    doc
      .fontSize(7)
      .fillColor('#000')
      .text(line.label, box.left + index * 70 + 9, box.top + box.height + 3, { lineBreak: false });
  });
}

function drawTrends(doc: PDFKit.PDFDocument, input: ReportInput, settings: ReportSettings): void {
  const baseline = input.session.assessment?.baseline ?? null;
  const { from, to, charts } = reportCharts(input.vitals, input.limits, baseline, CHART_INTERVALS);
  doc.moveDown().fontSize(12).fillColor('#000').text('Vital signs over the session', PAGE_LEFT);
  if (!(to > from)) {
    doc.fontSize(9).fillColor('#555').text('Not enough readings for a trend.');
    return;
  }
  doc
    .fontSize(8)
    .fillColor('#555')
    .text(
      `${clinicTime(from, settings.timeZone)} to ${clinicTime(to, settings.timeZone)}; each interval's lowest and highest reading drawn`,
    );
  const rowHeight = CHART_HEIGHT + CHART_GAP + 12;
  if (doc.y + 2 * rowHeight > doc.page.height - doc.page.margins.bottom) doc.addPage();
  const top = doc.y + 16;
  charts.forEach((chart, index) => {
    const column = index % 2;
    const row = Math.floor(index / 2);
    drawChart(
      doc,
      chart,
      { from, to },
      {
        left: PAGE_LEFT + 20 + column * (CHART_WIDTH + 20),
        top: top + row * rowHeight,
        width: CHART_WIDTH - 20,
        height: CHART_HEIGHT,
      },
    );
  });
  doc.x = PAGE_LEFT;
  doc.y = top + 2 * rowHeight;
}

/** The administration record's two figures: what the pump delivered and what is unaccounted for. */
function drawAdministration(doc: PDFKit.PDFDocument, session: Session, ketamine: KetamineBalance) {
  const { concentrationMgPerMl, rateMlPerH } = session.infusionPlan;
  doc.text(
    `Delivered ${session.deliveredMg} mg (pump record, ${session.pumpEvents.length} event(s)) · ${concentrationMgPerMl} mg/mL, ${rateMlPerH} mL/h ordered`,
  );
  doc.text(
    ketamine.recorded
      ? `Ketamine: drawn ${ketamine.drawnMg} mg − given ${ketamine.givenMg} mg − wasted ${ketamine.wastedMg} mg = ${ketamine.balanceMg} mg (${ketamine.closed ? 'balanced' : 'unaccounted for'})`
      : 'Ketamine: nothing drawn on record',
  );
}

function drawAssessment(doc: PDFKit.PDFDocument, session: Session, timeZone: string): void {
  doc.moveDown().fillColor('#000');
  if (!session.assessment) {
    doc.fontSize(10).text('No pre-infusion assessment recorded.');
    return;
  }
  const { baseline, flags } = session.assessment;
  doc.fontSize(12).text('Pre-infusion assessment');
  doc
    .fontSize(10)
    .text(
      `Baseline BP ${baseline.systolic}/${baseline.diastolic} mmHg, HR ${baseline.heartRate} bpm, SpO2 ${baseline.spo2} %` +
        (baseline.respRate !== undefined ? `, RR ${baseline.respRate}/min` : '') +
        ` · by ${session.assessment.assessedBy} at ${clinicTime(session.assessment.assessedAt, timeZone)}`,
    );
  doc.text(
    flags.length
      ? `Flags: ${flags.map((flag) => flag.message).join('; ')}`
      : 'No contraindication flagged.',
  );
  if (session.override) {
    doc.text(
      `Physician override by ${session.override.by} at ${clinicTime(session.override.at, timeZone)}: ${session.override.reason}`,
    );
  }
}

/** The printable session record: identity, assessment, trends, events and signatures. */
export function renderSessionReport(input: ReportInput, settings: ReportSettings): Promise<Buffer> {
  const { session, timeline } = input;
  const { timeZone } = settings;
  const time = (at: string | null) => (at ? clinicTime(at, timeZone) : '—');
  const identity = patientIdentity(input.patient);
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
  // Every further page names the patient too: a loose page must not be filed in another's record.
  doc.on('pageAdded', () => {
    const { x, y } = doc;
    doc
      .fontSize(8)
      .fillColor('#555')
      .text(`${identity} · session ${session.id}`, PAGE_LEFT, 25, { lineBreak: false });
    doc.fillColor('#000');
    doc.x = x;
    doc.y = y;
  });

  doc.fontSize(18).text('Ketamine infusion session record');
  doc
    .fontSize(9)
    .fillColor('#555')
    .text(
      `Vigil · generated ${clinicTime(settings.generatedAt, timeZone)} · times in ${timeZone} · session ${session.id}`,
    );
  doc.moveDown().fillColor('#000').fontSize(12).text(`Patient: ${identity}`);
  doc.fontSize(11);
  doc.text(`Bay ${session.bay} · ${INDICATION_WORDS[session.indication]}`);
  doc.text(
    `Dose ${session.doseMgPerKg} mg/kg (${session.totalDoseMg} mg) over ${session.plannedDurationMin} min planned`,
  );
  doc.text(
    `State ${SESSION_STATE_WORDS[session.state]} · started ${time(session.startedAt)} · ended ${time(session.endedAt)} · infusion ${session.elapsedMin} min`,
  );
  drawAdministration(doc, session, input.ketamine);
  drawAssessment(doc, session, timeZone);
  drawTrends(doc, input, settings);

  doc.fillColor('#000').fontSize(12).text('Events', PAGE_LEFT);
  doc.fontSize(9);
  for (const event of timeline) {
    doc.text(
      `${time(event.at)}  ${TIMELINE_KIND_WORDS[event.kind].padEnd(14)}  ${event.actor}: ${event.summary}`,
      {
        width: PAGE_WIDTH,
      },
    );
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
