// The part of @rnnkit/common that imports no Node built-in, for bundles that run in a web page.
// Bundlers pick this file through the "browser" condition of package.json's exports map.

export { createRng, type Rng } from './rng';
export { RnnkitError, exitCodeFor, type CommonErrorCode, type RnnkitErrorOptions } from './rnnkit-error';
export { editDistance } from './edit-distance';
export { positiveInteger, integerInRange, numberInRange, positiveNumber, nonNegativeNumber, fraction, oneOf } from './validators';
