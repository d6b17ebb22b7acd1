import './bed-tile.css';

/** A chair with no live session: outlined rather than filled, and saying "Empty" in words. */
export function EmptyBedTile({ bay }: { bay: string }) {
  return (
    <section
      className="bed-tile bed-tile--empty"
      aria-label={`Bay ${bay} — empty`}
      data-testid={`empty-bay-${bay}`}
      data-state="empty"
    >
      <header className="bed-tile__header">
        <h2 className="bed-tile__bay">Bay {bay}</h2>
      </header>
      <p className="bed-tile__empty-label">Empty</p>
    </section>
  );
}
