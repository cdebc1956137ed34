import { SequenceModel, type SequenceModelConfig } from '../sequence-model';
import type { ModelKind } from './model-kind';

/**
 * The kind of a plain {@link SequenceModel} with free-form extra data. Files written before kinds had versions
 * (kind `SequenceModel`, no `kindVersion`) are version 1. Packages that store a SequenceModel with their own
 * extra data (a character model, a speech model) define their own kind on top of this one.
 */
export const SEQUENCE_MODEL_KIND: ModelKind<SequenceModel, unknown> = {
  name: 'SequenceModel',
  version: 1,
  legacyVersion: ({ kind }) => (kind === 'SequenceModel' ? 1 : null),
  parseExtra: (extra) => extra,
  create: (config) => new SequenceModel(config as SequenceModelConfig),
  configOf: (model) => model.config,
  namedWeights: (model) => model.namedWeights,
  dispose: (model) => model.dispose(),
};
