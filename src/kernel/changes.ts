/**
 * The before/after of a partial update: only the editable fields (the keys of `current`) that are
 * present in `patch` and differ count — anything else in the patch (a reason) is not a field.
 * Audit rows keep both values (Open Zaak's lesson), and an update that changes nothing appends
 * nothing.
 */
export function diffChanges<T extends Record<string, unknown>>(
  current: T,
  patch: Partial<T> & object,
): Record<string, { before: unknown; after: unknown }> {
  const out: Record<string, { before: unknown; after: unknown }> = {};
  for (const [key, after] of Object.entries(patch)) {
    if (after === undefined || !(key in current)) continue;
    const before = current[key] ?? null;
    if (JSON.stringify(before) !== JSON.stringify(after)) out[key] = { before, after };
  }
  return out;
}
