/**
 * Private test helpers shared by rnnkit's packages: numeric comparison with explicit tolerances, central
 * finite differences, tensor-leak checks, seeded random data and the list of backends every numeric test covers.
 */
export { expectClose, type Tolerance } from './expect-close';
export { centralDifferences } from './finite-differences';
export { expectNoLeak } from './leak-check';
export { randomArray } from './seeded-random';
export { BACKENDS_UNDER_TEST, useBackend } from './backends';
export { toneClip } from './tone-clip';
export { nodeBuiltinImports, describeNodeImports, type NodeImport } from './browser-bundle';
export { spacedClips, blockLevelsDb, type SpacedClipsOptions } from './spaced-clips';
