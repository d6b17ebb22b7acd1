import { plannedCourseSchema, type TreatmentCourse } from '@vigil/shared';
import { useMutation } from '@tanstack/react-query';
import { useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { apiClient } from '../../api/api-client';
import { sessionPath } from '../../app/routes/route-access';
import { useCurrentUser } from '../../auth/hooks/use-auth-session';
import { ServerRefusal } from '../../session/components/server-refusal';
import { usePatient } from '../../session/hooks/use-patient';
import { parseNumberField } from '../../session/utils/parse-number';
import { saveBlob } from '../../session/utils/save-blob';
import { ErrorNotice } from '../../ui/components/error-notice';
import { TextField } from '../../ui/components/form-field';
import { useSchemaForm } from '../../ui/forms/use-schema-form';
import { useCourse, usePlanCourse } from '../hooks/use-course';
import { courseRows } from '../utils/course-table';
import { infusionsToOverlay, startedInfusion } from '../utils/course-trends';
import { CourseTrends } from './course-trends';
import '../../ui/components/page.css';
import '../../session/components/session-screen.css';
import './course-screen.css';

/** One patient's series of infusions side by side, overlaid on charts, and its plan. */
export function CourseScreen() {
  const { patientId = '' } = useParams();
  const { role } = useCurrentUser();
  const course = useCourse(patientId);
  const patient = usePatient(patientId);
  const overlaid = useMemo(
    () => (course.data ? infusionsToOverlay(course.data.infusions) : []),
    [course.data],
  );

  return (
    <main className="page course-screen" aria-labelledby="course-title">
      <h1 id="course-title">Treatment course</h1>
      {patient.data && (
        <p data-testid="course-patient">
          {patient.data.displayName} <span className="numeric">(MRN {patient.data.mrn})</span>
        </p>
      )}
      {course.error && (
        <p className="form-error" role="alert">
          Could not load the course: {course.error.message}
        </p>
      )}
      {!course.data && !course.error && <p role="status">Loading the course…</p>}
      {course.data && (
        <>
          <section className="page__section" aria-labelledby="course-plan-title">
            <h2 id="course-plan-title">Plan</h2>
            <CoursePlan course={course.data} />
            {role === 'physician' && (
              <PlanForm patientId={patientId} planned={course.data.plannedInfusions} />
            )}
            <CourseDownload patientId={patientId} />
          </section>
          <section className="page__section" aria-labelledby="course-table-title">
            <h2 id="course-table-title">Infusions side by side</h2>
            <CourseTable course={course.data} />
          </section>
          <section className="page__section" aria-labelledby="course-trends-title">
            <h2 id="course-trends-title">Trends overlaid</h2>
            <CourseTrends patientId={patientId} infusions={overlaid} />
          </section>
        </>
      )}
    </main>
  );
}

function CoursePlan({ course }: { course: TreatmentCourse }) {
  const given = course.infusions.filter(startedInfusion).length;
  return (
    <p data-testid="course-progress">
      {course.plannedInfusions === undefined
        ? `${given} ${given === 1 ? 'infusion' : 'infusions'} given; no planned number set yet.`
        : `${given} of ${course.plannedInfusions} planned infusions given.`}
    </p>
  );
}

function PlanForm({ patientId, planned }: { patientId: string; planned?: number }) {
  const plan = usePlanCourse(patientId);
  const { draft, setField, errors, handleSubmit } = useSchemaForm({
    initial: { plannedInfusions: planned === undefined ? '' : String(planned) },
    schema: plannedCourseSchema,
    toInput: (current) => ({ plannedInfusions: parseNumberField(current.plannedInfusions) }),
  });
  const submit = handleSubmit(({ plannedInfusions }) => plan.mutate(plannedInfusions));
  return (
    <form className="inline-form" aria-label="Plan the course" onSubmit={submit} noValidate>
      <TextField
        id="course-planned-infusions"
        label="Planned number of infusions"
        inputMode="numeric"
        value={draft.plannedInfusions}
        onValueChange={setField('plannedInfusions')}
        error={errors.plannedInfusions}
      />
      <button className="button button--primary" type="submit" disabled={plan.isPending}>
        {plan.isPending ? 'Saving…' : 'Save plan'}
      </button>
      {plan.error && <ServerRefusal title="Plan not saved" error={plan.error} />}
    </form>
  );
}

function CourseDownload({ patientId }: { patientId: string }) {
  const download = useMutation({
    mutationFn: async () =>
      saveBlob(await apiClient.downloadCourseReport(patientId), `course-${patientId}.pdf`),
  });
  return (
    <div>
      <button
        className="button"
        type="button"
        disabled={download.isPending}
        onClick={() => download.mutate()}
      >
        Download course report (PDF)
      </button>
      {download.error && <ErrorNotice title="Could not download" error={download.error} />}
    </div>
  );
}

function CourseTable({ course }: { course: TreatmentCourse }) {
  if (course.infusions.length === 0) {
    return <p className="page__status">No infusion is scheduled or given yet.</p>;
  }
  const rows = courseRows(course.infusions);
  return (
    <div className="data-table-scroll">
      <table className="data-table course-table" aria-label="Infusions side by side">
        <thead>
          <tr>
            <th scope="col">Infusion</th>
            {course.infusions.map((infusion) => (
              <th
                key={infusion.sessionId}
                scope="col"
                data-closer-watch={infusion.closerBloodPressureWatch || undefined}
              >
                <Link to={sessionPath(infusion.sessionId)}>Infusion {infusion.number}</Link>
                {infusion.closerBloodPressureWatch && (
                  <span className="course-table__watch">Closer blood-pressure watch</span>
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.label}>
              <th scope="row">{row.label}</th>
              {row.cells.map((cell, index) => (
                <td key={course.infusions[index]?.sessionId ?? index} className="numeric">
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
