/**
 * The before/after of a partial update: only fields that are present in `patch` and differ from
 * `current` count. Audit rows keep both values (Open Zaak's lesson), and an update that changes
 * nothing appends nothing.
 */
export function diffChanges<T extends Record<string, unknown>>(
  current: T,
  patch: Partial<T>,
): Record<string, { before: unknown; after: unknown }> {
  const out: Record<string, { before: unknown; after: unknown }> = {};
  for (const [key, after] of Object.entries(patch)) {
    if (after === undefined) continue;
    const before = current[key] ?? null;
    if (JSON.stringify(before) !== JSON.stringify(after)) out[key] = { before, after };
  }
  return out;
}
