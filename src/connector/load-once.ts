/**
 * Memoizes an async loader by its success only. A failed load (EMFILE while Logto has many sockets
 * open, a file replaced mid-upgrade) is forgotten, so the next call tries again instead of every
 * later send failing until Logto restarts.
 */
export const loadOnce = <T>(load: () => Promise<T>): (() => Promise<T>) => {
  let loading: Promise<T> | undefined;
  return async () => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
};
