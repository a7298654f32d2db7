/**
 * A list bound into `IN (…)`: its placeholders padded to the next power of two by repeating
 * its last item (which matches nothing more), so a statement takes one of a few texts
 * whatever the list's length. mysql2 prepares every distinct text on the server, and the
 * server's `max_prepared_stmt_count` is shared by every application on it.
 */
export function inList<T>(items: readonly T[]): { readonly placeholders: string; readonly values: T[] } {
  // An empty list matches nothing.
  if (items.length === 0) return { placeholders: 'NULL', values: [] };
  const size = paddedSize(items.length);
  const values = [...items];
  while (values.length < size) values.push(items[items.length - 1]!);
  return { placeholders: values.map(() => '?').join(', '), values };
}

/** The power of two at or above `count` (1, 2, 4, 8…). */
export function paddedSize(count: number): number {
  let size = 1;
  while (size < count) size *= 2;
  return size;
}

/**
 * Rows cut into runs whose lengths are powers of two (13 → 8, 4, 1), for a multi-row statement
 * that cannot pad (an INSERT): at most one text per power of two, one statement per run.
 */
export function powerOfTwoRuns<T>(rows: readonly T[]): T[][] {
  const runs: T[][] = [];
  let start = 0;
  while (start < rows.length) {
    let size = 1;
    while (size * 2 <= rows.length - start) size *= 2;
    runs.push(rows.slice(start, start + size));
    start += size;
  }
  return runs;
}
