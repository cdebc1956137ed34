import { createRng } from '@rnnkit/common';
import { CONDITION_HELP, conditionSeed, parseCondition } from './conditions';
import { runCli } from './cli';

const RATE = 8000;
const rng = createRng(3);
const clip = Float32Array.from({ length: 2000 }, (_, n) => 0.3 * Math.sin(n / 3) * Math.sin((Math.PI * n) / 2000) + 0.001 * rng.normal());
const power = (x: Float32Array) => x.reduce((s, v) => s + v * v, 0) / x.length;

describe('conditions', () => {
  const names = ['clean', 'gain-30', 'white10', 'pink0', 'brown5', 'hum10', 'reverb300', 'telephone', 'resample44', 'room', 'clip6', 'dc'];

  it('are deterministic for a seed, and differ between seeds where they draw noise', () => {
    for (const name of names) {
      const condition = parseCondition(name);
      const a = condition.apply(clip, RATE, conditionSeed(1, 0, name));
      expect(condition.apply(clip, RATE, conditionSeed(1, 0, name))).toEqual(a);
      if (/white|pink|brown|hum|reverb|room/.test(name)) expect(condition.apply(clip, RATE, conditionSeed(2, 0, name))).not.toEqual(a);
    }
    expect(conditionSeed(1, 0, 'white10')).not.toBe(conditionSeed(1, 1, 'white10'));
  });

  it('do what their names say', () => {
    expect(parseCondition('clean').apply(clip, RATE, 0)).toEqual(clip);
    expect(power(parseCondition('gain-20').apply(clip, RATE, 0)) / power(clip)).toBeCloseTo(0.01, 6);
    const noisy = parseCondition('white10').apply(clip, RATE, 5);
    const added = noisy.map((v, i) => v - clip[i]);
    expect(10 * Math.log10(power(clip) / power(added))).toBeCloseTo(10, 3);
    const hummed = parseCondition('hum0').apply(clip, RATE, 2);
    const hum = hummed.map((v, i) => v - clip[i]);
    expect(10 * Math.log10(power(clip) / power(hum))).toBeCloseTo(0, 3);
    // Odd harmonics of 50 Hz, each 6 dB down (150 Hz at half the amplitude), and nothing at 1 kHz.
    const dft = (x: Float32Array, hz: number) => Math.hypot(...[Math.cos, Math.sin].map((f) => x.reduce((s, v, n) => s + v * f((2 * Math.PI * hz * n) / RATE), 0)));
    expect(dft(hum, 1000) / dft(hum, 50)).toBeLessThan(0.02);
    expect(dft(hum, 150) / dft(hum, 50)).toBeGreaterThan(0.3);
    expect(parseCondition('reverb300').apply(clip, RATE, 1).length).toBe(clip.length + Math.ceil(0.3 * RATE) - 1);
    expect(parseCondition('room').apply(clip, RATE, 1).length).toBe(clip.length + 2 * RATE);
    const clipped = parseCondition('clip6').apply(clip, RATE, 0);
    expect(Math.max(...clipped.map(Math.abs))).toBe(1);
    expect(clipped.filter((v) => Math.abs(v) === 1).length).toBeGreaterThan(50);
    const shifted = parseCondition('dc').apply(clip, RATE, 0);
    expect(shifted[0] - clip[0]).toBeCloseTo(0.2 * Math.max(...clip.map(Math.abs)), 6);
    expect(parseCondition('resample44').apply(clip, RATE, 0).length).toBe(clip.length);
  });

  it('refuses unknown names and numbers out of range, listing what exists', () => {
    expect(() => parseCondition('purple3')).toThrow(/unknown condition "purple3"; known: clean, gain-N, whiteN/);
    expect(() => parseCondition('reverb1')).toThrow(/N must be 50 … 3000/);
    expect(CONDITION_HELP).toMatch(/telephone/);
  });

  it('speech-demo eval prints one JSON line per condition, the same on a rerun', async () => {
    const run = async () => {
      const out: string[] = [];
      const io = { stdout: (s: string) => out.push(s), stderr: () => undefined, stderrIsTty: false };
      const samples = `${__dirname}/../samples`;
      expect(await runCli(['eval', '--data', samples, '--condition', 'gain-40,white20', '--seed', '4'], io)).toBe(0);
      return out.join('').trim().split('\n').map((line) => JSON.parse(line));
    };
    const first = await run();
    expect(first.map((r) => r.condition)).toEqual(['gain-40', 'white20']);
    expect(first[0]).toEqual({ condition: 'gain-40', n: 4, accuracy: 1 });
    expect(await run()).toEqual(first);
  });

  it('speech-demo eval exits 2 with one line for a bad condition name', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s), stderrIsTty: false };
    const code = await runCli(['eval', '--data', __dirname, '--condition', 'white10,nosuch'], io);
    expect(code).toBe(2);
    expect(err.join('')).toMatch(/^speech-demo: unknown condition "nosuch"; known: .*\n$/);
    expect(out).toEqual([]);
  });
});
