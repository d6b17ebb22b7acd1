import { Link } from 'react-router';
import { admitPath } from '../../app/routes/route-access';
import { useTileSize } from '../hooks/use-tile-size';
import './bed-tile.css';

interface EmptyBedTileProps {
  bay: string;
  /** False on the wall display, which nobody works at: the chair says "Empty" and nothing more. */
  admittable: boolean;
}

/** A chair with no live session: outlined rather than filled, and saying "Empty" in words. */
export function EmptyBedTile({ bay, admittable }: EmptyBedTileProps) {
  const tileSize = useTileSize();
  return (
    <section
      ref={tileSize}
      className="bed-tile bed-tile--empty"
      aria-label={`Bay ${bay} — empty`}
      data-testid={`empty-bay-${bay}`}
      data-state="empty"
    >
      <header className="bed-tile__header">
        <h2 className="bed-tile__bay">Bay {bay}</h2>
      </header>
      <p className="bed-tile__empty-label">Empty</p>
      {admittable && (
        <Link className="button bed-tile__admit" to={admitPath(bay)}>
          Admit to this chair
        </Link>
      )}
    </section>
  );
}
