import { useSearchParams } from 'react-router';

/**
 * A list's filters kept in the URL, so a filtered list can be bookmarked, shared and reloaded.
 * A change replaces the history entry: the back button leaves the list, not the last filter.
 */
export function useUrlFilters<K extends string>() {
  const [params, setParams] = useSearchParams();

  /** Sets several filters at once; null or '' removes one. */
  function setFilters(changes: Partial<Record<K, string | null>>) {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [key, value] of Object.entries(changes) as [K, string | null | undefined][]) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );
  }

  const setFilter = (key: K, value: string | null) => setFilters({ [key]: value } as Partial<Record<K, string | null>>);

  return { params, setFilter, setFilters };
}
