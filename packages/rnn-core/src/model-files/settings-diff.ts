/** A setting's value as it reads in a message: JSON, so that strings, numbers and arrays are unambiguous. */
function show(value: unknown): string {
  return value === undefined ? 'unset' : JSON.stringify(value);
}

/**
 * The settings in which a resumed run would differ from its checkpoint, one readable line each
 * (`units: checkpoint 64, asked 128`). Keys whose requested value is `undefined` were not asked for and are not
 * compared; values are compared as JSON.
 */
export function settingsDiff(saved: Record<string, unknown>, requested: Record<string, unknown>): string[] {
  return Object.keys(requested)
    .filter((key) => requested[key] !== undefined && JSON.stringify(saved[key]) !== JSON.stringify(requested[key]))
    .map((key) => `${key}: checkpoint ${show(saved[key])}, asked ${show(requested[key])}`);
}
