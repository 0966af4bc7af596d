import { useCallback, useEffect, useRef, useState } from 'react';
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
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    let live = true;
    const pending = loadRef.current();
    if (!pending) {
      setState({ data: null, error: null, loading: false });
      return;
    }
    setState((s) => ({ ...s, error: null, loading: true }));
    pending.then(
      (data) => live && setState({ data, error: null, loading: false }),
      (error: unknown) =>
        live &&
        setState({ data: null, error: error instanceof ApiError ? error : new ApiError('INTERNAL'), loading: false }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, reload };
}
