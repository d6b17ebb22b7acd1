import { infusionElapsedMs, type Session } from '@vigil/shared';
import { PatientIdentifiers } from '../../ui/components/patient-identifiers';
import { useNow } from '../../ui/hooks/use-now';
import { InfusionProgress } from '../../ward/components/infusion-progress';
import { SessionStateBadge } from '../../ward/components/session-state-badge';
import { indicationLabel } from '../../ward/utils/session-labels';
import { formatMg } from '../utils/administration-words';
import { formatDose } from '../utils/order-dose';
import { useLiveDeliveredMg } from './administration-panel';
import { HeaderVitals } from './header-vitals';
import { OrderStatus } from './order-status';

/** Who the session is for, by both identifiers, its live numbers, and where the infusion stands. */
export function SessionHeader({ session }: { session: Session }) {
  const now = useNow();
  const elapsedMin = infusionElapsedMs(session, now) / 60_000;
  const delivered = useLiveDeliveredMg(session);
  const { rateMlPerH, concentrationMgPerMl } = session.infusionPlan;
  return (
    <header className="session-header">
      <h1 id="session-title">
        Bay {session.bay}
        <span className="session-header__patient">
          <span className="visually-hidden"> — patient </span>
          <PatientIdentifiers patient={session.patient} withBirthDate />
        </span>
      </h1>
      <SessionStateBadge state={session.state} />
      <HeaderVitals readings={session.latestVitals} />
      <p className="session-header__indication">{indicationLabel(session.indication)}</p>
      <p className="session-header__dose" data-testid="session-dose">
        {formatDose(session.doseMgPerKg)} mg/kg · {formatDose(session.totalDoseMg)} mg total ·{' '}
        {rateMlPerH} mL/h at {concentrationMgPerMl} mg/mL
      </p>
      <p className="session-header__delivered" data-testid="session-delivered">
        Delivered {formatMg(delivered)}
      </p>
      <OrderStatus order={session.order} />
      <div className="session-header__progress">
        <InfusionProgress elapsedMin={elapsedMin} plannedDurationMin={session.plannedDurationMin} />
      </div>
    </header>
  );
}
