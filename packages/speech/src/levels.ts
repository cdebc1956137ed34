/** Level of each block of `blockMs` (default 10 ms) in dBFS (mean-square, the recording's mean removed). */
export function blockLevels(samples: Float32Array, sampleRate: number, blockMs = 10): Float64Array {
  const block = Math.max(1, Math.round((blockMs / 1000) * sampleRate));
  let mean = 0;
  for (let i = 0; i < samples.length; i++) mean += samples[i];
  mean = samples.length ? mean / samples.length : 0;
  const levels = new Float64Array(Math.floor(samples.length / block));
  for (let b = 0; b < levels.length; b++) {
    let sum = 0;
    for (let i = b * block; i < (b + 1) * block; i++) sum += (samples[i] - mean) ** 2;
    levels[b] = 10 * Math.log10(sum / block + 1e-20);
  }
  return levels;
}
