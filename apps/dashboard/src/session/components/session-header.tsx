import { infusionElapsedMs, type Session } from '@vigil/shared';
import { useNow } from '../../ui/hooks/use-now';
import { InfusionProgress } from '../../ward/components/infusion-progress';
import { SessionStateBadge } from '../../ward/components/session-state-badge';
import { indicationLabel } from '../../ward/utils/session-labels';
import { formatMg } from '../utils/administration-words';
import { formatDose } from '../utils/order-dose';
import { useLiveDeliveredMg } from './administration-panel';
import { OrderStatus } from './order-status';

export function SessionHeader({ session }: { session: Session }) {
  const now = useNow();
  const elapsedMin = infusionElapsedMs(session, now) / 60_000;
  const delivered = useLiveDeliveredMg(session);
  const { rateMlPerH, concentrationMgPerMl } = session.infusionPlan;
  return (
    <header className="session-header">
      <h1 id="session-title">
        Bay {session.bay}
        <span className="session-header__initials">
          <span className="visually-hidden"> — patient </span>
          <span data-testid="patient-initials">{session.patient.initials}</span>
        </span>
      </h1>
      <SessionStateBadge state={session.state} />
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
