// Small DOM helpers shared by the pages.

/** The element with this id; a missing one is a bug in the page's HTML, so it throws. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`the page has no element #${id}`);
  return element as T;
}

/** Shows a problem in the page's message box (role="alert"); `null` hides the box. */
export function showMessage(text: string | null): void {
  const box = byId('message');
  box.textContent = text ?? '';
  box.hidden = text === null;
}

/** The message of anything thrown, for showing on the page. */
export function describeError(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** A number input's value, or `fallback` when it is empty. Out-of-range values are left to the code that checks. */
export function numberValue(id: string, fallback: number): number {
  const text = byId<HTMLInputElement>(id).value.trim();
  return text === '' ? fallback : Number(text);
}

/**
 * Marks the page interactive (its model loaded): sets `data-ready` on <body> for tests and `data-ready-ms`, the
 * time since navigation started, for the benchmark's time to interactive.
 */
export function markReady(): void {
  if (document.body.dataset.ready) return;
  document.body.dataset.readyMs = String(Math.round(performance.now()));
  document.body.dataset.ready = 'true';
}
