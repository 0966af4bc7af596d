import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../services/http';

export interface ApiState<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  reload: () => void;
}

/** Loads once per change of `deps`; `load` returning null means there is nothing to load. */
export function useApi<T>(load: () => Promise<T> | null, deps: unknown[]): ApiState<T> {
  const [state, setState] = useState<{ data: T | null; error: ApiError | null; loading: boolean }>({
    data: null,
    error: null,
    loading: true,
  });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    const pending = load();
    // eslint-disable-next-line react-hooks/set-state-in-effect -- a request starts only here (load() fetches or says there is nothing to fetch), so its loading state starts here
    setState((s) => (pending ? { ...s, error: null, loading: true } : { data: null, error: null, loading: false }));
    if (!pending) return;
    pending.then(
      (data) => live && setState({ data, error: null, loading: false }),
      (error: unknown) =>
        live && setState({ data: null, error: error instanceof ApiError ? error : new ApiError('INTERNAL'), loading: false }),
    );
    return () => {
      live = false;
    };
    // `load` is a new closure on every render: the effect runs again when the caller's `deps` change, or on `reload`,
    // with the `load` of that render.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller's deps list stands for what `load` reads
  }, [...deps, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, reload };
}
