import {
  OUTCOME_INSTRUMENTS,
  OUTCOME_PHASES,
  type CourseInfusion,
  type Patient,
  type TreatmentCourse,
  type DeliveredDoseSource,
} from '@vigil/shared';
import PDFDocument from 'pdfkit';
import { clinicTime } from '../common/clinic-time';

const DELIVERED_SOURCE_WORDS: Record<DeliveredDoseSource, string> = {
  'pump-record': 'from the pump record',
  'planned-rate': 'estimated from the planned rate',
};

export interface CourseReportInput {
  patient: Pick<Patient, 'displayName' | 'mrn' | 'birthDate'>;
  course: TreatmentCourse;
}

export interface CourseReportSettings {
  generatedAt: Date;
  /** The clinic's IANA zone: every time is printed in it, with its offset. */
  timeZone: string;
}

const PAGE_LEFT = 50;
const PAGE_WIDTH = 495;

/** `Casey Jones · MRN 123 · born 1980-02-03`: the two identifiers a printed record needs. */
function patientIdentity(patient: CourseReportInput['patient']): string {
  return [
    patient.displayName,
    `MRN ${patient.mrn}`,
    ...(patient.birthDate ? [`born ${patient.birthDate}`] : []),
  ].join(' · ');
}

const shown = (value: number | null, unit = '') => (value === null ? '—' : `${value}${unit}`);

/** `PHQ-9 pre 14, post 6; PACS pre 20`: the latest score of each phase, per instrument. */
function outcomeLine(infusion: CourseInfusion): string {
  const instruments = OUTCOME_INSTRUMENTS.flatMap((instrument) => {
    const phases = OUTCOME_PHASES.flatMap((phase) => {
      const latest = infusion.outcomes
        .filter((outcome) => outcome.instrument === instrument && outcome.phase === phase)
        .at(-1);
      return latest ? [`${phase} ${latest.score}`] : [];
    });
    return phases.length > 0 ? [`${instrument} ${phases.join(', ')}`] : [];
  });
  return instruments.length > 0 ? instruments.join('; ') : 'none recorded';
}

function drawInfusion(doc: PDFKit.PDFDocument, infusion: CourseInfusion, timeZone: string): void {
  const { alerts } = infusion;
  doc
    .moveDown(0.8)
    .fillColor('#000')
    .fontSize(11)
    .text(
      `Infusion ${infusion.number} · ${clinicTime(infusion.date, timeZone)} · ${infusion.state}` +
        (infusion.closerBloodPressureWatch ? ' · closer blood-pressure watch' : ''),
      PAGE_LEFT,
      undefined,
      { width: PAGE_WIDTH },
    );
  doc.fontSize(9);
  for (const line of [
    `Dose ${infusion.doseMgPerKg} mg/kg · delivered ${infusion.deliveredMg} mg (${DELIVERED_SOURCE_WORDS[infusion.deliveredSource]})`,
    `Peak blood pressure ${shown(infusion.peakSystolic)}/${shown(infusion.peakDiastolic)} mmHg · ` +
      `peak heart rate ${shown(infusion.peakHeartRate, ' bpm')} · lowest SpO2 ${shown(infusion.minSpo2, ' %')}`,
    `Alarms: ${alerts.high} high, ${alerts.medium} medium, ${alerts.low} low`,
    `Side effects: ${infusion.sideEffects.length > 0 ? infusion.sideEffects.join(', ') : 'none'}`,
    `Highest CADSS ${shown(infusion.maxCadss)} · highest CADSS-6 ${shown(infusion.maxCadss6)} · ` +
      `lowest MOAA/S ${shown(infusion.minMoaas)}`,
    `Outcome scores: ${outcomeLine(infusion)}`,
  ]) {
    doc.text(line, { width: PAGE_WIDTH });
  }
}

/** The course for the referring clinician: who, the plan, and each infusion with what it showed. */
export function renderCourseReport(
  input: CourseReportInput,
  settings: CourseReportSettings,
): Promise<Buffer> {
  const { course } = input;
  const { timeZone } = settings;
  const identity = patientIdentity(input.patient);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: { Title: `Vigil treatment course ${course.patientId}` },
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
      .text(`${identity} · treatment course`, PAGE_LEFT, 25, { lineBreak: false });
    doc.fillColor('#000');
    doc.x = x;
    doc.y = y;
  });

  doc.fontSize(18).text('Ketamine treatment course');
  doc
    .fontSize(9)
    .fillColor('#555')
    .text(`Vigil · generated ${clinicTime(settings.generatedAt, timeZone)} · times in ${timeZone}`);
  doc.moveDown().fillColor('#000').fontSize(12).text(`Patient: ${identity}`);
  const given = course.infusions.filter(
    (infusion) => infusion.state !== 'scheduled' && infusion.state !== 'assessed',
  ).length;
  doc
    .fontSize(11)
    .text(
      course.plannedInfusions === undefined
        ? `${given} infusion(s) given; no planned number set.`
        : `${given} of ${course.plannedInfusions} planned infusions given.`,
    );
  doc
    .fontSize(9)
    .fillColor('#555')
    .text(
      'The first three infusions are watched more closely for blood pressure: most severe hypertension comes in them.',
      { width: PAGE_WIDTH },
    );
  for (const infusion of course.infusions) drawInfusion(doc, infusion, timeZone);
  if (course.infusions.length === 0) doc.moveDown().fillColor('#000').text('No infusion yet.');
  doc.moveDown(2).fillColor('#000').fontSize(10).text('Physician: ______________________________');
  doc.end();
  return done;
}
