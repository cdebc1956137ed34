import {
  decodeModelFile,
  fetchModelFile,
  ModelFileError,
  SequenceModel,
  type FetchModelOptions,
  type ModelFile,
  type ModelFileBytes,
  type ModelKind,
  type SequenceModelConfig,
} from '@rnnkit/rnn-core';
import { isDitherConfig } from './dither';
import type { FrontEndConfig } from './front-end';
import type { Mode } from './mode';

/** The CTC blank's class index in sequence models; digits follow it. */
export const BLANK = 0;

/** What a speech model keeps beside its weights (model.json's `extra`). */
export interface SpeechModelExtra {
  mode: Mode;
  /** The exact feature pipeline the model was trained on. */
  frontEnd: FrontEndConfig;
  /** Output class names in order: the digits in word mode; blank then the digits in sequence mode. */
  labels: string[];
  /** How the model was made and how well it did (informational). */
  training?: Record<string, unknown>;
  /** Training progress, in checkpoints; its shape belongs to the trainer, which checks it when resuming. */
  progress?: unknown;
}

/** The output classes of a mode. */
export function labelsFor(mode: Mode): string[] {
  const digits = Array.from({ length: 10 }, (_, d) => String(d));
  return mode === 'word' ? digits : ['<blank>', ...digits];
}

// Older files also carry `silenceDb`, an absolute level that the front-end no longer uses: it is ignored.
const FRONT_END_NUMBERS: Array<keyof FrontEndConfig> = ['sampleRate', 'numCeps', 'winMs', 'hopMs', 'stack', 'trimDb', 'marginMs'];

function isFrontEnd(value: unknown): value is FrontEndConfig {
  if (!value || typeof value !== 'object') return false;
  const { bandHz, dither } = value as FrontEndConfig;
  const bandOk = bandHz === undefined || (Array.isArray(bandHz) && bandHz.length === 2 && bandHz.every((f) => typeof f === 'number'));
  const ditherOk = dither === undefined || isDitherConfig(dither);
  return bandOk && ditherOk && FRONT_END_NUMBERS.every((k) => typeof (value as Record<string, unknown>)[k] === 'number');
}

/**
 * The speech model-file kind: a SequenceModel scoring every step, with its mode, front-end and labels. Version 1
 * files (kind `SequenceModel` with `extra.app: "speech-demo"`, as the shipped models) are read by dropping `app`.
 */
export const SPEECH_MODEL_KIND: ModelKind<SequenceModel, SpeechModelExtra> = {
  name: 'SpeechModel',
  version: 2,
  legacyVersion: ({ kind, extra }) => (kind === 'SequenceModel' && (extra as { app?: unknown } | null)?.app === 'speech-demo' ? 1 : null),
  upgrade: (parts, from) => {
    if (from !== 1) throw new Error(`no upgrade from version ${from}`);
    const extra = { ...(parts.extra as Record<string, unknown>) };
    delete extra.app;
    return { ...parts, extra };
  },
  parseExtra: (extra) => {
    const e = (extra ?? {}) as Partial<SpeechModelExtra>;
    if (e.mode !== 'word' && e.mode !== 'sequence') throw new Error(`mode must be "word" or "sequence", got ${JSON.stringify(e.mode)}`);
    if (!isFrontEnd(e.frontEnd)) throw new Error(`the front-end must give ${FRONT_END_NUMBERS.join(', ')} as numbers, bandHz as [low, high] and dither (if any) as {colour, belowPeakDb}`);
    if (!Array.isArray(e.labels) || !e.labels.every((l) => typeof l === 'string')) throw new Error('labels must be a list of strings');
    if (e.training !== undefined && (typeof e.training !== 'object' || e.training === null)) throw new Error('training must be an object');
    return e as SpeechModelExtra;
  },
  create: (config, extra) => {
    const c = (config ?? {}) as Partial<SequenceModelConfig>;
    // Both modes score every step: word mode averages the steps, sequence mode decodes them with CTC.
    if (c.outputMode !== 'sequence' || c.output?.units !== extra.labels.length) {
      throw new Error(`model outputs do not match its ${extra.labels.length} labels in ${extra.mode} mode`);
    }
    return new SequenceModel(config as SequenceModelConfig);
  },
  configOf: (model) => model.config,
  namedWeights: (model) => model.namedWeights,
  dispose: (model) => model.dispose(),
};

/** A speech model with its checked extra data. */
export interface SpeechModel {
  model: SequenceModel;
  extra: SpeechModelExtra;
}

/**
 * Keeps a loaded speech model when it is of `mode` (any mode when absent); otherwise disposes it and throws
 * `ModelFileError` naming `file`. Any optimizer state loaded with it is dropped.
 */
export function speechModelOfMode(loaded: ModelFile<SequenceModel, SpeechModelExtra>, file: string, mode?: Mode): SpeechModel {
  loaded.optimizer?.dispose();
  if (mode && loaded.extra.mode !== mode) {
    loaded.model.dispose();
    throw new ModelFileError(file, `holds a ${loaded.extra.mode}-mode model, but ${mode} mode was asked for (use --mode ${loaded.extra.mode})`);
  }
  return { model: loaded.model, extra: loaded.extra };
}

/**
 * Loads a speech model over HTTP (model.json at `url` or `url/model.json`, then its weights file) with the same
 * checks and `ModelFileError`s as from disk; with `mode`, checks the model is of it. Imports no Node built-in.
 */
export async function fetchSpeechModel(url: string | URL, mode?: Mode, options?: FetchModelOptions): Promise<SpeechModel> {
  return speechModelOfMode(await fetchModelFile(SPEECH_MODEL_KIND, url, options), String(url), mode);
}

/** Loads a speech model from the bytes of its model.json and weights file; with `mode`, checks the model is of it. */
export async function decodeSpeechModel(bytes: ModelFileBytes, mode?: Mode): Promise<SpeechModel> {
  return speechModelOfMode(await decodeModelFile(SPEECH_MODEL_KIND, bytes), 'model.json', mode);
}
