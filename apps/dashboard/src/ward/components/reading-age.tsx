import { formatAge } from '../utils/format-age';

interface ReadingAgeProps {
  ageMs: number | null;
  isStale: boolean;
}

export function ReadingAge({ ageMs, isStale }: ReadingAgeProps) {
  const text =
    ageMs === null
      ? 'No readings yet'
      : `${isStale ? 'STALE — last reading' : 'Last reading'} ${formatAge(ageMs)}`;
  return (
    <p className="reading-age" data-testid="reading-age" data-stale={isStale}>
      {text}
    </p>
  );
}
