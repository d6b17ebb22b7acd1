import type {
  AlarmSuspend,
  AlarmSuspendInput,
  AlertDelivery,
  AssignmentInput,
  ChargeNurseInput,
  Clinician,
  CreatePatientInput,
  CreateSessionInput,
  Duty,
  AlarmLoad,
  AlarmLoadQuery,
  Alert,
  AlertPriority,
  AlertState,
  AssessmentInput,
  AuditEntry,
  AuditQueryInput,
  AuditVerification,
  AuthResponse,
  CreateDeviceInput,
  CreateUserInput,
  Device,
  DeviceCreated,
  DischargeInput,
  DischargeReadiness,
  FollowUp,
  InterventionInput,
  KetamineBalance,
  KetamineDrawInput,
  KetamineEntry,
  KetamineWasteInput,
  OutcomeInput,
  RecordedOutcome,
  LoginInput,
  MoveBayInput,
  ObservationInput,
  OrderInput,
  OverrideInput,
  Patient,
  PumpEventInput,
  PreviewableSession,
  ProfilePreview,
  ProfilePreviewRequest,
  ReasonInput,
  Session,
  SessionSearchQueryInput,
  StopInput,
  ThresholdProfile,
  ThresholdProfileInput,
  TimelineEvent,
  TreatmentCourse,
  UpdateUserInput,
  User,
  UserAccount,
  VitalSample,
  WardBay,
} from '@vigil/shared';
import { errorCodeForStatus, isErrorCode } from '@vigil/shared';
import { authStore } from '../auth/state/auth-store';
import { ApiError, isNestErrorBody, NETWORK_ERROR_STATUS } from './api-error';

export const API_BASE_PATH = '/api/v1';

type QueryParams = Record<string, string | undefined>;

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: QueryParams;
  body?: unknown;
  signal?: AbortSignal;
  /**
   * false for the login itself: no token is sent, and its 401 means a wrong password, not an
   * ended session.
   */
  authenticated?: boolean;
  /** What the caller wants back; JSON unless it downloads a file. */
  accept?: string;
}

/** The one place request headers are built. */
function buildRequestHeaders(
  token: string | null,
  hasBody: boolean,
  accept: string,
): Record<string, string> {
  const headers: Record<string, string> = { Accept: accept };
  if (hasBody) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  return headers;
}

function buildUrl(path: string, query: QueryParams = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined) params.set(name, value);
  }
  const search = params.toString();
  return `${API_BASE_PATH}${path}${search ? `?${search}` : ''}`;
}

const segment = (value: string): string => encodeURIComponent(value);

async function toApiError(response: Response): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => undefined);
  if (isNestErrorBody(body)) {
    const messages = Array.isArray(body.message) ? body.message : [body.message];
    return new ApiError(
      response.status,
      messages,
      body.error,
      // The server always sends one; a body without it gets the one its status stands for.
      isErrorCode(body.code) ? body.code : errorCodeForStatus(response.status),
      body.details,
    );
  }
  // A proxy or a crashed server answers without NestJS's body; keep the status at least.
  return new ApiError(
    response.status,
    [response.statusText || `HTTP ${response.status}`],
    undefined,
    errorCodeForStatus(response.status),
  );
}

/** Sends one request (the token is read and sent synchronously) and returns a 2xx response. */
async function send(
  path: string,
  {
    method = 'GET',
    query,
    body,
    signal,
    authenticated = true,
    accept = 'application/json',
  }: RequestOptions = {},
): Promise<Response> {
  const token = authenticated ? authStore.getAccessToken() : null;
  const hasBody = body !== undefined;
  let response: Response;
  try {
    response = await fetch(buildUrl(path, query), {
      method,
      headers: buildRequestHeaders(token, hasBody, accept),
      body: hasBody ? JSON.stringify(body) : undefined,
      signal,
    });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new ApiError(NETWORK_ERROR_STATUS, [`Server unreachable: ${reason}`]);
  }
  // The server no longer accepts this login: the store ends it and the guard shows the login.
  if (response.status === 401 && token) authStore.reportUnauthorized(token);
  if (!response.ok) throw await toApiError(response);
  return response;
}

async function sendForJson<T>(path: string, options?: RequestOptions): Promise<T> {
  const response = await send(path, options);
  return (await response.json()) as T;
}

/** A file the server generates (CSV, PDF), fetched with the same Bearer header as the rest. */
async function sendForBlob(path: string, accept: string): Promise<Blob> {
  const response = await send(path, { accept });
  return response.blob();
}

/** The session transitions and the body each one takes. */
export interface SessionTransitionBodies {
  start: undefined;
  pause: ReasonInput;
  resume: undefined;
  stop: StopInput;
  abort: ReasonInput;
  discharge: DischargeInput;
}

export type SessionTransition = keyof SessionTransitionBodies;

/** A task on the nurses' follow-up list, with whom to call (`GET /follow-ups?due=`). */
export interface FollowUpTask extends FollowUp {
  /** Due before the day asked for and not done yet. */
  overdue: boolean;
  patient?: { id: string; displayName: string; mrn: string };
}

/** The record that the printed discharge instructions were handed over. */
export interface DischargeInstructionsGiven {
  sessionId: string;
  version: number;
  givenAt: string;
  givenBy: string;
}

/** The session's controlled-substance record and its balance against the pump record. */
export interface KetamineRecord {
  entries: KetamineEntry[];
  balance: KetamineBalance;
}

/** `GET /alerts` filters; the server answers newest first. */
export interface AlertQuery {
  state?: AlertState;
  sessionId?: string;
  priority?: AlertPriority;
}

export const apiClient = {
  login(input: LoginInput): Promise<AuthResponse> {
    return sendForJson<AuthResponse>('/auth/login', {
      method: 'POST',
      body: input,
      authenticated: false,
    });
  },

  refreshSession(): Promise<AuthResponse> {
    return sendForJson<AuthResponse>('/auth/refresh', { method: 'POST' });
  },

  async logout(): Promise<void> {
    await send('/auth/logout', { method: 'POST' });
  },

  getCurrentUser(signal?: AbortSignal): Promise<User> {
    return sendForJson<User>('/auth/me', { signal });
  },

  listLiveSessions(signal?: AbortSignal): Promise<Session[]> {
    return sendForJson<Session[]>('/sessions', { query: { live: 'true' }, signal });
  },

  /** Every chair of the ward, occupied or empty; no patient data, so not an audited read. */
  listBays(signal?: AbortSignal): Promise<WardBay[]> {
    return sendForJson<WardBay[]>('/bays', { signal });
  },

  listSessionVitals(
    sessionId: string,
    from: Date,
    signal?: AbortSignal,
    to?: Date,
  ): Promise<VitalSample[]> {
    return sendForJson<VitalSample[]>(`/sessions/${segment(sessionId)}/vitals`, {
      query: { from: from.toISOString(), to: to?.toISOString() },
      signal,
    });
  },

  /** The auditor's search; `live` is the ward's own filter and is not offered here. */
  searchSessions(query: SessionSearchQueryInput, signal?: AbortSignal): Promise<Session[]> {
    const { state, bay, from, to, patient, clinician, priority } = query;
    return sendForJson<Session[]>('/sessions', {
      query: { state, bay, from, to, patient, clinician, priority },
      signal,
    });
  },

  getSession(sessionId: string, signal?: AbortSignal): Promise<Session> {
    return sendForJson<Session>(`/sessions/${segment(sessionId)}`, { signal });
  },

  recordAssessment(sessionId: string, input: AssessmentInput): Promise<Session> {
    return sendForJson<Session>(`/sessions/${segment(sessionId)}/assessment`, {
      method: 'POST',
      body: input,
    });
  },

  /**
   * Physicians only: lets the infusion start despite the flags it names, with the reason on
   * record; no consent and a positive pregnancy test cannot be overridden.
   */
  recordOverride(sessionId: string, input: OverrideInput): Promise<Session> {
    return sendForJson<Session>(`/sessions/${segment(sessionId)}/override`, {
      method: 'POST',
      body: input,
    });
  },

  /** Physicians only, before the start: signs the dose order (and may change it). */
  signOrder(sessionId: string, input: OrderInput): Promise<Session> {
    return sendForJson<Session>(`/sessions/${segment(sessionId)}/order`, {
      method: 'POST',
      body: input,
    });
  },

  /** An audited read of the patient's record: the order form needs the weight the dose is by. */
  getPatient(patientId: string, signal?: AbortSignal): Promise<Patient> {
    return sendForJson<Patient>(`/patients/${segment(patientId)}`, { signal });
  },

  /** An audited read: at most 20 patients whose name or MRN contains the text (≥ 2 characters). */
  searchPatients(query: string, signal?: AbortSignal): Promise<Patient[]> {
    return sendForJson<Patient[]>('/patients', { query: { query }, signal });
  },

  /** A second patient with the same MRN is refused with MRN_TAKEN. */
  registerPatient(input: CreatePatientInput): Promise<Patient> {
    return sendForJson<Patient>('/patients', { method: 'POST', body: input });
  },

  /** A physician's session carries a signed order; a nurse's is a draft until a physician signs. */
  scheduleSession(input: CreateSessionInput): Promise<Session> {
    return sendForJson<Session>('/sessions', { method: 'POST', body: input });
  },

  /** While scheduled only; a chair with a live session refuses with BAY_OCCUPIED. */
  moveSessionBay(sessionId: string, input: MoveBayInput): Promise<Session> {
    return sendForJson<Session>(`/sessions/${segment(sessionId)}/bay`, {
      method: 'PUT',
      body: input,
    });
  },

  /** The day's list (`YYYY-MM-DD`): every session scheduled that day, chair by chair. */
  getSchedule(date: string, signal?: AbortSignal): Promise<Session[]> {
    return sendForJson<Session[]>('/schedule', { query: { date }, signal });
  },

  /** A 409 carries the current state or each unmet reason in its messages. */
  transitionSession<T extends SessionTransition>(
    sessionId: string,
    transition: T,
    body: SessionTransitionBodies[T],
  ): Promise<Session> {
    return sendForJson<Session>(`/sessions/${segment(sessionId)}/${transition}`, {
      method: 'POST',
      body: body ?? {},
    });
  },

  /** The discharge criteria as they stand now (the server's facts), for the live checklist. */
  getDischargeReadiness(sessionId: string, signal?: AbortSignal): Promise<DischargeReadiness> {
    return sendForJson<DischargeReadiness>(`/sessions/${segment(sessionId)}/discharge-readiness`, {
      signal,
    });
  },

  async recordObservation(sessionId: string, input: ObservationInput): Promise<void> {
    await send(`/sessions/${segment(sessionId)}/observations`, { method: 'POST', body: input });
  },

  async recordIntervention(sessionId: string, input: InterventionInput): Promise<void> {
    await send(`/sessions/${segment(sessionId)}/interventions`, { method: 'POST', body: input });
  },

  recordOutcome(sessionId: string, input: OutcomeInput): Promise<RecordedOutcome> {
    return sendForJson(`/sessions/${segment(sessionId)}/outcomes`, { method: 'POST', body: input });
  },

  /** The printed discharge instructions (the shared wording) were given to the patient. */
  recordDischargeInstructionsGiven(sessionId: string): Promise<DischargeInstructionsGiven> {
    return sendForJson(`/sessions/${segment(sessionId)}/discharge-instructions`, {
      method: 'POST',
    });
  },

  /** An audited read: the patient's infusions side by side. */
  getCourse(patientId: string, signal?: AbortSignal): Promise<TreatmentCourse> {
    return sendForJson<TreatmentCourse>(`/patients/${segment(patientId)}/course`, { signal });
  },

  /** Physicians only: how many infusions the course is planned to have. */
  planCourse(
    patientId: string,
    plannedInfusions: number,
  ): Promise<{ patientId: string; plannedInfusions: number }> {
    return sendForJson(`/patients/${segment(patientId)}/course`, {
      method: 'PUT',
      body: { plannedInfusions },
    });
  },

  downloadCourseReport(patientId: string): Promise<Blob> {
    return sendForBlob(`/patients/${segment(patientId)}/course.pdf`, 'application/pdf');
  },

  /** The clinic day's tasks (`YYYY-MM-DD`), done or not, and every earlier one still open. */
  listFollowUps(due: string, signal?: AbortSignal): Promise<FollowUpTask[]> {
    return sendForJson<FollowUpTask[]>('/follow-ups', { query: { due }, signal });
  },

  /** Once per task: a second record is refused with FOLLOW_UP_DONE. */
  recordFollowUpDone(followUpId: string, outcome: string): Promise<FollowUp> {
    return sendForJson<FollowUp>(`/follow-ups/${segment(followUpId)}/done`, {
      method: 'POST',
      body: { outcome },
    });
  },

  /** Start, pause, resume and stop move the session with them; the answer is the session after. */
  recordPumpEvent(sessionId: string, input: PumpEventInput): Promise<Session> {
    return sendForJson<Session>(`/sessions/${segment(sessionId)}/pump-events`, {
      method: 'POST',
      body: input,
    });
  },

  /** An audited read: what was drawn and wasted, and the balance against the pump record. */
  getKetamineRecord(sessionId: string, signal?: AbortSignal): Promise<KetamineRecord> {
    return sendForJson<KetamineRecord>(`/sessions/${segment(sessionId)}/ketamine`, { signal });
  },

  drawKetamine(sessionId: string, input: KetamineDrawInput): Promise<KetamineEntry> {
    return sendForJson<KetamineEntry>(`/sessions/${segment(sessionId)}/ketamine/draw`, {
      method: 'POST',
      body: input,
    });
  },

  /** The witness signs with their own credentials; the caller forgets the password after this. */
  wasteKetamine(sessionId: string, input: KetamineWasteInput): Promise<KetamineEntry> {
    return sendForJson<KetamineEntry>(`/sessions/${segment(sessionId)}/ketamine/waste`, {
      method: 'POST',
      body: input,
    });
  },

  getSessionLog(sessionId: string, signal?: AbortSignal): Promise<TimelineEvent[]> {
    return sendForJson<TimelineEvent[]>(`/sessions/${segment(sessionId)}/log`, { signal });
  },

  downloadSessionLogCsv(sessionId: string): Promise<Blob> {
    return sendForBlob(`/sessions/${segment(sessionId)}/log.csv`, 'text/csv');
  },

  downloadSessionReport(sessionId: string): Promise<Blob> {
    return sendForBlob(`/sessions/${segment(sessionId)}/report.pdf`, 'application/pdf');
  },

  listAlerts({ state, sessionId, priority }: AlertQuery, signal?: AbortSignal): Promise<Alert[]> {
    return sendForJson<Alert[]>('/alerts', { query: { state, sessionId, priority }, signal });
  },

  /**
   * Nurses and physicians; `from` names the screen (its kiosk or chair name, or "phone"). The
   * answer is the alert as it now stands.
   */
  acknowledgeAlert(alertId: string, note?: string, from?: string): Promise<Alert> {
    return sendForJson<Alert>(`/alerts/${segment(alertId)}/acknowledge`, {
      method: 'POST',
      body: { ...(note && { note }), ...(from && { from }) },
    });
  },

  /** Whom the alert was sent to, and when a screen of theirs received it. */
  listAlertDeliveries(alertId: string, signal?: AbortSignal): Promise<AlertDelivery[]> {
    return sendForJson<AlertDelivery[]>(`/alerts/${segment(alertId)}/deliveries`, { signal });
  },

  /** The caller opened the alert: its receipt says they saw it (the server keeps the first). */
  markAlertSeen(alertId: string): Promise<AlertDelivery> {
    return sendForJson<AlertDelivery>(`/alerts/${segment(alertId)}/seen`, { method: 'POST' });
  },

  listAlarmSuspends(signal?: AbortSignal): Promise<AlarmSuspend[]> {
    return sendForJson<AlarmSuspend[]>('/bays/alarm-suspends', { signal });
  },

  /** A chair's probe-change alarms quiet for at most two minutes. */
  suspendAlarms(bay: string, input: AlarmSuspendInput): Promise<AlarmSuspend> {
    return sendForJson<AlarmSuspend>(`/bays/${segment(bay)}/alarm-suspend`, {
      method: 'POST',
      body: input,
    });
  },

  async endAlarmSuspend(bay: string): Promise<void> {
    await send(`/bays/${segment(bay)}/alarm-suspend`, { method: 'DELETE' });
  },

  getDuty(signal?: AbortSignal): Promise<Duty> {
    return sendForJson<Duty>('/duty', { signal });
  },

  setChargeNurse(input: ChargeNurseInput): Promise<Duty> {
    return sendForJson<Duty>('/duty/charge-nurse', { method: 'PUT', body: input });
  },

  listClinicians(signal?: AbortSignal): Promise<Clinician[]> {
    return sendForJson<Clinician[]>('/clinicians', { signal });
  },

  setAssignment(sessionId: string, input: AssignmentInput): Promise<Session> {
    return sendForJson<Session>(`/sessions/${segment(sessionId)}/assignment`, {
      method: 'PUT',
      body: input,
    });
  },

  listUsers(signal?: AbortSignal): Promise<UserAccount[]> {
    return sendForJson<UserAccount[]>('/users', { signal });
  },

  createUser(input: CreateUserInput): Promise<UserAccount> {
    return sendForJson<UserAccount>('/users', { method: 'POST', body: input });
  },

  updateUser(userId: string, changes: UpdateUserInput): Promise<UserAccount> {
    return sendForJson<UserAccount>(`/users/${segment(userId)}`, {
      method: 'PATCH',
      body: changes,
    });
  },

  listDevices(signal?: AbortSignal): Promise<Device[]> {
    return sendForJson<Device[]>('/devices', { signal });
  },

  /** The only answer that carries the device's key; the caller shows it once and forgets it. */
  registerDevice(input: CreateDeviceInput): Promise<DeviceCreated> {
    return sendForJson<DeviceCreated>('/devices', { method: 'POST', body: input });
  },

  revokeDevice(deviceId: string): Promise<Device> {
    return sendForJson<Device>(`/devices/${segment(deviceId)}/revoke`, { method: 'POST' });
  },

  listThresholdProfiles(signal?: AbortSignal): Promise<ThresholdProfile[]> {
    return sendForJson<ThresholdProfile[]>('/threshold-profiles', { signal });
  },

  /** The limits one session's alarms are judged by: those it started with, or set for it since. */
  sessionLimits(sessionId: string, signal?: AbortSignal): Promise<ThresholdProfile> {
    return sendForJson<ThresholdProfile>(`/sessions/${segment(sessionId)}/limits`, { signal });
  },

  /** Physicians only: this session's limits from now on, within the same safety floors. */
  setSessionLimits(sessionId: string, input: ThresholdProfileInput): Promise<ThresholdProfile> {
    return sendForJson<ThresholdProfile>(`/sessions/${segment(sessionId)}/limits`, {
      method: 'PUT',
      body: input,
    });
  },

  /** Physicians only; creates the profile when the id is new. */
  saveThresholdProfile(profileId: string, input: ThresholdProfileInput): Promise<ThresholdProfile> {
    return sendForJson<ThresholdProfile>(`/threshold-profiles/${segment(profileId)}`, {
      method: 'PUT',
      body: input,
    });
  },

  /** What an unsaved profile would have raised on a recorded session; changes nothing. */
  previewThresholdProfile(
    request: ProfilePreviewRequest,
    signal?: AbortSignal,
  ): Promise<ProfilePreview> {
    return sendForJson<ProfilePreview>('/threshold-profiles/preview', {
      method: 'POST',
      body: request,
      signal,
    });
  },

  listPreviewableSessions(signal?: AbortSignal): Promise<PreviewableSession[]> {
    return sendForJson<PreviewableSession[]>('/threshold-profiles/preview/sessions', { signal });
  },

  listAuditEntries(query: AuditQueryInput, signal?: AbortSignal): Promise<AuditEntry[]> {
    const { from, to, actor, sessionId, limit } = query;
    return sendForJson<AuditEntry[]>('/audit', {
      query: {
        from,
        to,
        actor,
        sessionId,
        limit: typeof limit === 'number' ? String(limit) : undefined,
      },
      signal,
    });
  },

  /** Alarm load of one window, for the alarm-settings review (physicians, auditors). */
  getAlarmLoad(query: AlarmLoadQuery, signal?: AbortSignal): Promise<AlarmLoad> {
    return sendForJson<AlarmLoad>('/analytics/alarms', { query: { ...query }, signal });
  },

  verifyAuditChain(signal?: AbortSignal): Promise<AuditVerification> {
    return sendForJson<AuditVerification>('/audit/verify', { signal });
  },
};
