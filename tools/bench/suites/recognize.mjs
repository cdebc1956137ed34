// `npm run bench -- recognize [--runs N] [--backend wasm|cpu|tensorflow]`: end-to-end recognition speed of the
// shipped speech-demo models after loading: read the WAV, trim, MFCC + deltas + CMVN, the BiGRU, decode.
// Clips: the bundled apps/speech-demo/samples (synthetic, so the suite runs anywhere), plus a 1-second utterance
// made from them (the three-digit sample's speech region, cut or padded with its own tail to exactly 1 s).
// ms_per_second_of_audio: the worst mode's median time per clip divided by its length, over every clip.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { selectBackend } from '@rnnkit/rnn-core';
import { DEFAULT_FRONT_END, speechRegion } from '@rnnkit/speech';
import { parseClipName, readClip, Recognizer } from 'speech-demo';
import { median, medianMs, option } from '../stats.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const samplesDir = join(root, 'apps', 'speech-demo', 'samples');

function oneSecond(samples) {
  const rate = DEFAULT_FRONT_END.sampleRate;
  const region = speechRegion(samples, DEFAULT_FRONT_END);
  const speech = samples.subarray(region.start, region.end);
  const out = new Float32Array(rate);
  for (let i = 0; i < rate; i++) out[i] = speech[i % speech.length];
  return out;
}

async function timeMode(mode, clips, runs) {
  const recognizer = await Recognizer.load(mode);
  const perClip = [];
  let correct = 0;
  for (const clip of clips) {
    const ms = await medianMs(() => recognizer.recognize(clip.samples), { warmup: 3, runs });
    perClip.push({ name: clip.name, seconds: clip.samples.length / DEFAULT_FRONT_END.sampleRate, ms });
    if (clip.label && recognizer.recognize(clip.samples).transcript === clip.label) correct++;
  }
  const loadStart = performance.now();
  (await Recognizer.load(mode)).dispose();
  const loadMs = performance.now() - loadStart;
  recognizer.dispose();
  return { perClip, correct, loadMs };
}

export async function run(args) {
  const runs = Number(option(args, 'runs', '9'));
  const backend = await selectBackend({ backend: option(args, 'backend', undefined), log: (line) => console.error(line) });
  const files = readdirSync(samplesDir).filter((f) => f.endsWith('.wav')).sort();
  const clips = files.map((name) => ({
    name,
    label: parseClipName(name).label,
    samples: readClip(join(samplesDir, name), { sampleRate: DEFAULT_FRONT_END.sampleRate }),
  }));
  const source = clips.find((c) => c.label.length === 3) ?? clips[clips.length - 1];
  const second = { name: '1-second utterance', label: null, samples: oneSecond(source.samples) };

  const figures = {};
  let worst = 0;
  for (const mode of ['word', 'sequence']) {
    const set = (mode === 'word' ? clips.filter((c) => c.label.length === 1) : clips).concat(second);
    const { perClip, correct, loadMs } = await timeMode(mode, set, runs);
    const ratio = Math.max(...perClip.map((c) => c.ms / c.seconds));
    worst = Math.max(worst, ratio);
    const oneSecondMs = perClip[perClip.length - 1].ms;
    console.error(
      `${mode}: ${perClip.map((c) => `${c.name} ${c.seconds.toFixed(2)} s → ${c.ms.toFixed(1)} ms`).join('; ')}; ` +
        `${correct}/${set.length - 1} samples right; model load ${loadMs.toFixed(0)} ms`,
    );
    figures[`${mode}_one_second_ms`] = Number(oneSecondMs.toFixed(2));
    figures[`${mode}_median_clip_ms`] = Number(median(perClip.map((c) => c.ms)).toFixed(2));
    figures[`${mode}_load_ms`] = Number(loadMs.toFixed(0));
  }
  return { suite: 'recognize', ms_per_second_of_audio: Number(worst.toFixed(2)), backend, ...figures };
}
