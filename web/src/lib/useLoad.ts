import { useCallback, useEffect, useState, type DependencyList } from 'react';
import { ApiRequestError } from '../api/client.ts';

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/**
 * Loads data for a component and reloads it when `deps` change. The previous data stays on
 * screen while a reload runs, so a table does not flash empty; a superseded request is aborted.
 */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    load(controller.signal).then(
      (value) => {
        if (controller.signal.aborted) return;
        setData(value);
        setError(null);
        setLoading(false);
      },
      (err: unknown) => {
        if (controller.signal.aborted || (err instanceof ApiRequestError && err.code === 'aborted')) return;
        setError(err);
        setLoading(false);
      },
    );
    return () => controller.abort();
    // `load` is a fresh closure on every render; `deps` says when it actually changes.
  }, [...deps, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { data, error, loading, reload };
}
