// `npm run bench -- mfcc [--clips N] [--runs N] [--synthetic]`: psf MFCCs of a fixed set of 8 kHz clips, one thread.
// realtime_factor = seconds of audio per second of compute (median of several timed passes after warm-up).
// Clips: the first N FSDD recordings (sorted by name) when ../shared/data sits beside the repository, else
// (or with --synthetic) seeded synthetic speech-like clips of similar length, so the suite always runs.
// tools/reference/bench_psf.py times the numpy reference on the same FSDD clips.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRng, mfcc, readWav } from '@rnnkit/audio-features';
import { median, medianMs, option } from '../stats.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const FSDD = [join(root, '..', 'shared', 'data', 'fsdd-dev', 'recordings'), '/work/shared/data/fsdd-dev/recordings'];

function fsddClips(count) {
  const dir = FSDD.find((d) => existsSync(d));
  if (!dir) return null;
  const names = readdirSync(dir).filter((f) => f.endsWith('.wav')).sort().slice(0, count);
  return { source: `fsdd (${names.length} recordings)`, bytes: names.map((n) => readFileSync(join(dir, n))) };
}

/** Harmonic buzz with a wandering pitch plus noise, 0.4–0.9 s: a stand-in for spoken digits. */
function syntheticClips(count) {
  const rng = createRng(1234);
  const clips = [];
  for (let c = 0; c < count; c++) {
    const n = Math.floor(8000 * (0.4 + 0.5 * rng.next()));
    const x = new Float32Array(n);
    let phase = 0;
    for (let i = 0; i < n; i++) {
      phase += (2 * Math.PI * (110 + 40 * Math.sin(i / 900) + 30 * (c % 4))) / 8000;
      let v = 0;
      for (let h = 1; h <= 12; h++) v += Math.sin(h * phase) / h;
      x[i] = 0.2 * v * Math.sin((Math.PI * i) / n) + 0.01 * rng.normal();
    }
    clips.push(x);
  }
  return { source: `synthetic (${count} clips)`, signals: clips };
}

export async function run(args) {
  const count = Number(option(args, 'clips', '200'));
  const runs = Number(option(args, 'runs', '7'));
  const fsdd = args.includes('--synthetic') ? null : fsddClips(count);
  const decodeStart = performance.now();
  const set = fsdd ? { source: fsdd.source, signals: fsdd.bytes.map((b) => readWav(b).samples) } : syntheticClips(count);
  const decodeMs = fsdd ? performance.now() - decodeStart : 0;
  const seconds = set.signals.reduce((sum, s) => sum + s.length / 8000, 0);
  let frames = 0;
  const ms = await medianMs(
    () => {
      frames = 0;
      for (const s of set.signals) frames += mfcc(s, 8000).length;
    },
    { warmup: 3, runs },
  );
  const perClip = [];
  for (const s of set.signals.slice(0, 20)) {
    const t = performance.now();
    mfcc(s, 8000);
    perClip.push(performance.now() - t);
  }
  console.error(`mfcc: ${set.source}, ${seconds.toFixed(1)} s of 8 kHz audio, ${frames} frames, median ${ms.toFixed(1)} ms per pass`);
  return {
    suite: 'mfcc',
    realtime_factor: Math.round(seconds / (ms / 1000)),
    clips: set.source,
    audio_seconds: Number(seconds.toFixed(2)),
    ms_per_pass: Number(ms.toFixed(2)),
    us_per_frame: Number(((ms * 1000) / frames).toFixed(2)),
    median_clip_ms: Number(median(perClip).toFixed(3)),
    decode_ms: Number(decodeMs.toFixed(1)),
  };
}
