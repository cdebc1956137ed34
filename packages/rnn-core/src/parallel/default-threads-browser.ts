/**
 * How many threads training uses in a browser: 1, because the browser entry trains on the page's thread only
 * (workers there are not built yet; see the README's "Training on every core").
 */
export function defaultThreads(): number {
  return 1;
}
