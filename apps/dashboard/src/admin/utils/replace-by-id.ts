/** The list with the item of the same id replaced by `updated` (or unchanged if absent). */
export function replaceById<Item extends { id: string }>(
  items: readonly Item[],
  updated: Item,
): Item[] {
  return items.map((item) => (item.id === updated.id ? updated : item));
}
