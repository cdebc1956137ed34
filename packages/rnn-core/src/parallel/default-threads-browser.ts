/**
 * How many threads training uses in a browser: every core (`navigator.hardwareConcurrency`) where the page is
 * cross-origin isolated — the trainer's workers share memory, which browsers allow only there — else 1.
 */
export function defaultThreads(): number {
  const scope = globalThis as { crossOriginIsolated?: boolean; navigator?: { hardwareConcurrency?: number }; SharedArrayBuffer?: unknown };
  if (!scope.crossOriginIsolated || typeof scope.SharedArrayBuffer !== 'function') return 1;
  return Math.max(1, scope.navigator?.hardwareConcurrency ?? 1);
}
