import { RnnkitError } from '@rnnkit/common';
import type { tf } from './tfjs';

/** A trainable variable with the name it is saved under (`layers/0/kernel`, `decoder/embedding/table`, …). */
export interface NamedVariable {
  name: string;
  variable: tf.Variable;
}

/**
 * Names `variables` as `prefix/part`, part by part. Every layer and container builds its weight names with this,
 * so one scheme holds everywhere: a container passes each child its own prefix.
 */
export function nameWeights(prefix: string, parts: readonly string[], variables: readonly tf.Variable[]): NamedVariable[] {
  if (parts.length !== variables.length) throw new RnnkitError('INTERNAL', `${prefix}: ${parts.length} weight names for ${variables.length} weights`);
  return variables.map((variable, i) => ({ name: prefix ? `${prefix}/${parts[i]}` : parts[i], variable }));
}
