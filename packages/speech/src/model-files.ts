import type { SequenceModel } from '@rnnkit/rnn-core';
import type { FrontEndConfig } from './front-end';
import type { Mode } from './mode';
import { SpeechError } from './speech-error';

/** The CTC blank's class index in sequence models; digits follow it. */
export const BLANK = 0;

/** What a speech-demo model keeps beside its weights (rnn-core's `extra`). */
export interface SpeechModelExtra {
  app: 'speech-demo';
  mode: Mode;
  /** The exact feature pipeline the model was trained on. */
  frontEnd: FrontEndConfig;
  /** Output class names in order: the digits in word mode; blank then the digits in sequence mode. */
  labels: string[];
  /** How the model was made and how well it did (informational). */
  training?: Record<string, unknown>;
}

/** The output classes of a mode. */
export function labelsFor(mode: Mode): string[] {
  const digits = Array.from({ length: 10 }, (_, d) => String(d));
  return mode === 'word' ? digits : ['<blank>', ...digits];
}

function isFrontEnd(value: unknown): value is FrontEndConfig {
  if (!value || typeof value !== 'object') return false;
  const keys: Array<keyof FrontEndConfig> = ['sampleRate', 'numCeps', 'winMs', 'hopMs', 'stack', 'silenceDb', 'trimDb', 'marginMs'];
  const { bandHz } = value as FrontEndConfig;
  const bandOk = bandHz === undefined || (Array.isArray(bandHz) && bandHz.length === 2 && bandHz.every((f) => typeof f === 'number'));
  return bandOk && keys.every((k) => typeof (value as Record<string, unknown>)[k] === 'number');
}

/** Checks a loaded model's `extra` and shape; throws `BAD_MODEL` naming the directory. */
export function checkExtra(dir: string, extra: unknown, model: SequenceModel, mode?: Mode): SpeechModelExtra {
  const e = extra as Partial<SpeechModelExtra> | null;
  if (!e || e.app !== 'speech-demo' || (e.mode !== 'word' && e.mode !== 'sequence') || !isFrontEnd(e.frontEnd) || !Array.isArray(e.labels)) {
    throw new SpeechError('BAD_MODEL', 'is not a speech-demo model (model.json lacks its front-end and labels)', dir);
  }
  if (mode && e.mode !== mode) {
    throw new SpeechError('BAD_MODEL', `holds a ${e.mode}-mode model, but ${mode} mode was asked for (use --mode ${e.mode})`, dir);
  }
  // Both modes score every step: word mode averages the steps, sequence mode decodes them with CTC.
  if (model.config.outputMode !== 'sequence' || model.config.output.units !== e.labels.length) {
    throw new SpeechError('BAD_MODEL', `model outputs do not match its ${e.labels.length} labels in ${e.mode} mode`, dir);
  }
  return e as SpeechModelExtra;
}
