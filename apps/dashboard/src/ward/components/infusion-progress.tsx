interface InfusionProgressProps {
  elapsedMin: number;
  plannedDurationMin: number;
}

export function InfusionProgress({ elapsedMin, plannedDurationMin }: InfusionProgressProps) {
  const elapsed = Math.floor(elapsedMin);
  const percent = Math.min(100, (elapsedMin / plannedDurationMin) * 100);
  return (
    <div className="infusion-progress">
      <div
        className="infusion-progress__track"
        role="progressbar"
        aria-label="Infusion progress"
        aria-valuemin={0}
        aria-valuemax={plannedDurationMin}
        aria-valuenow={Math.min(elapsed, plannedDurationMin)}
        aria-valuetext={`${elapsed} of ${plannedDurationMin} minutes`}
      >
        <div className="infusion-progress__bar" style={{ width: `${percent}%` }} />
      </div>
      <span className="infusion-progress__text" data-testid="infusion-progress">
        {elapsed} / {plannedDurationMin} min
      </span>
    </div>
  );
}
