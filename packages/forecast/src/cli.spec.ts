import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectClose } from '@rnnkit/test-utils';
import { baselineForecast } from './baselines/methods';
import { runCli } from './cli';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t) }, out, err };
}

async function run(...argv: string[]) {
  const c = capture();
  const code = await runCli(argv, c.io);
  // The backend notice ("rnnkit: backend wasm …") is information, not part of an error.
  const stderr = c.err.join('').split('\n').filter((l) => !l.startsWith('rnnkit: backend')).join('\n');
  return { code, stdout: c.out.join(''), stderr };
}

let dir: string;
let data: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'forecast-cli-'));
  data = join(dir, 'data.csv');
  // Four daily series with a weekly pattern, in the wide layout.
  const rows = [0, 1, 2, 3].map((s) => [`s${s}`, ...Array.from({ length: 70 }, (_, t) => (20 + 5 * s + 4 * Math.sin((2 * Math.PI * t) / 7) + ((t * 7919 + s) % 5) / 5).toFixed(3))].join(','));
  writeFileSync(data, `${rows.join('\n')}\n`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('forecast CLI', () => {
  const model = () => join(dir, 'model');
  const tiny = ['--steps', '6', '--units', '4', '--batch', '4', '--context', '14', '--checkpoint-every', '3'];

  it('train writes a model; train again into the same --out is refused; predict prints csv and json', async () => {
    const trained = await run('train', '--data', data, '--horizon', '7', '--freq', 'daily', '--out', model(), ...tiny, '--threads', '2');
    expect(trained.stderr).not.toMatch(/unexpected/);
    expect(trained.code).toBe(0);
    expect(trained.stderr).toContain('forecast: training on 2 threads');
    expect(trained.stdout).toMatch(/^trained 6 steps in \d+ s \(loss [\d.]+\); model in /);
    const again = await run('train', '--data', data, '--horizon', '7', '--freq', 'daily', '--out', model(), ...tiny);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already holds a model: pass --resume');

    const csv = await run('predict', '--model', model(), '--data', data);
    expect(csv.code).toBe(0);
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toBe('id,1,2,3,4,5,6,7');
    expect(lines).toHaveLength(5);
    expect(lines[1].split(',').slice(1).every((v) => Number.isFinite(Number(v)))).toBe(true);

    const json = JSON.parse((await run('predict', '--model', model(), '--data', data, '--format', 'json', '--quantiles', '0.1,0.9')).stdout);
    expect(json.quantiles).toEqual([0.1, 0.9]);
    const f = json.forecasts[0];
    f.median.forEach((m: number, k: number) => {
      expect(f.quantiles['0.1'][k]).toBeLessThanOrEqual(m);
      expect(f.quantiles['0.9'][k]).toBeGreaterThanOrEqual(m);
    });
  });

  it('resume continues a checkpoint to more steps, and refuses when there is none or settings differ', async () => {
    // The first part ran on two threads; this one on the number RNNKIT_THREADS gives.
    process.env.RNNKIT_THREADS = '1';
    const resumed = await run('train', '--data', data, '--horizon', '7', '--freq', 'daily', '--out', model(), ...tiny.slice(2), '--steps', '9', '--resume');
    process.env.RNNKIT_THREADS = 'all';
    const badThreads = await run('train', '--data', data, '--horizon', '7', '--freq', 'daily', '--out', join(dir, 'threads'), ...tiny);
    delete process.env.RNNKIT_THREADS;
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toMatch(/^trained 9 steps/);
    expect(resumed.stderr).toContain('forecast: training on 1 thread\n');
    expect(badThreads.code).toBe(2);
    expect(badThreads.stderr.trim()).toMatch(/^forecast: RNNKIT_THREADS must be a positive integer number of threads, got "all"$/);
    expect(existsSync(join(dir, 'threads'))).toBe(false);
    const none = await run('train', '--data', data, '--horizon', '7', '--freq', 'daily', '--out', join(dir, 'nothing'), ...tiny, '--resume');
    expect(none.code).toBe(2);
    expect(none.stderr.trim().split('\n')).toHaveLength(1);
    expect(none.stderr).toContain('holds no checkpoint');
    const other = await run('train', '--data', data, '--horizon', '7', '--freq', 'daily', '--out', model(), ...tiny, '--units', '5', '--resume');
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('other settings');
    const weighted = await run('train', '--data', data, '--horizon', '7', '--freq', 'daily', '--out', model(), ...tiny, '--mase-weighting', '1', '--resume');
    expect(weighted.code).toBe(2);
    expect(weighted.stderr).toMatch(/other settings \(maseWeighting: .*0.*1/);
  });

  it('plot writes an SVG with history, median and both bands', async () => {
    const svg = join(dir, 'fc.svg');
    const r = await run('plot', '--model', model(), '--data', data, '--id', 's1', '--out', svg, '--holdout');
    expect(r.code).toBe(0);
    const text = readFileSync(svg, 'utf8');
    for (const part of ['<title>history</title>', '<title>median forecast</title>', '<title>80 % interval</title>', '<title>95 % interval</title>', '<circle']) expect(text).toContain(part);
  });

  it('backtest prints a table per method and the winner', async () => {
    const r = await run('backtest', '--data', data, '--horizon', '7', '--windows', '2', '--freq', 'daily', '--methods', 'naive,snaive,naive2,theta,ensemble', '--model', model());
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0].split(/\s+/)).toEqual(['method', 'sMAPE', 'MASE', 'OWA', 'MSIS', 'cov95', 'cov80']);
    expect(lines.slice(1, -1).map((l) => l.split(/\s+/)[0])).toEqual(['model', 'naive', 'snaive', 'naive2', 'theta', 'ensemble']);
    expect(lines[lines.length - 1]).toMatch(/^winner: \w+ \(OWA [\d.]+\)$/);
  });

  it('backtest select: per series the member best on the horizons before the origin; a bad member is one line, exit 2', async () => {
    const flags = ['--data', data, '--horizon', '7', '--windows', '2', '--freq', 'daily', '--model', model(), '--methods', 'snaive,select'];
    const r = await run('backtest', ...flags, '--select-from', 'network,snaive,naive@1,network+snaive', '--select-windows', '3');
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n').slice(1, -1).map((l) => l.split(/\s+/)[0])).toEqual(['model', 'snaive', 'select']);
    const bad = await run('backtest', ...flags, '--select-from', 'network,snaive@week');
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain('unknown member "snaive@week"');
  });

  it('a model trained with --select-from predicts, plots and backtests with the member chosen per series', async () => {
    const combined = join(dir, 'combined');
    const members = 'snaive,network,network@1';
    const trained = await run('train', '--data', data, '--horizon', '7', '--freq', 'daily', '--out', combined, ...tiny, '--extra-base-lags', '1', '--select-from', members, '--select-windows', '2');
    expect(trained.code).toBe(0);
    const { extra } = JSON.parse(readFileSync(join(combined, 'model.json'), 'utf8'));
    expect(extra.combine).toEqual({ selectFrom: members, windows: 2 });
    expect(extra.network.extraBaseLags).toEqual([1]);
    // The weekly pattern repeats with small noise: the seasonal naive forecast beats a network of 6 updates on
    // every past week, so every series gets it.
    const series = readFileSync(data, 'utf8').trim().split('\n').map((l) => Float64Array.from(l.split(',').slice(1).map(Number)));
    const expected = series.map((values) => baselineForecast('snaive', values, 7, { period: 7, levels: [80, 95] }));
    // Output has 7 significant digits: within 1e-5 of values near 25.
    const csv = await run('predict', '--model', combined, '--data', data);
    expect(csv.code).toBe(0);
    csv.stdout.trim().split('\n').slice(1).forEach((line, i) => expectClose(line.split(',').slice(1).map(Number), Array.from(expected[i].point), { atol: 1e-5 }));
    const json = JSON.parse((await run('predict', '--model', combined, '--data', data, '--format', 'json', '--quantiles', '0.025,0.9')).stdout);
    expectClose(json.forecasts[2].quantiles['0.025'], Array.from(expected[2].intervals.find((x) => x.level === 95)!.lower), { atol: 1e-5 });
    expectClose(json.forecasts[2].quantiles['0.9'], Array.from(expected[2].intervals.find((x) => x.level === 80)!.upper), { atol: 1e-5 });
    const odd = await run('predict', '--model', combined, '--data', data, '--format', 'json', '--quantiles', '0.3');
    expect(odd.code).toBe(2);
    expect(odd.stderr).toContain('it cannot give 0.3');

    const backtested = await run('backtest', '--data', data, '--horizon', '7', '--freq', 'daily', '--methods', 'snaive', '--model', combined);
    expect(backtested.code).toBe(0);
    expect(backtested.stdout.trim().split('\n').slice(1, -1).map((l) => l.split(/\s+/)[0])).toEqual(['model', 'network', 'snaive']);
    const svg = join(dir, 'combined.svg');
    expect((await run('plot', '--model', combined, '--data', data, '--id', 's1', '--out', svg)).code).toBe(0);
    expect(readFileSync(svg, 'utf8')).toContain('s1: model forecast');

    const bad = await run('train', '--data', data, '--horizon', '7', '--freq', 'daily', '--out', join(dir, 'never'), ...tiny, '--select-from', 'network,arima');
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain('--select-from: unknown member "arima"');
    const head = await run('train', '--data', data, '--horizon', '7', '--freq', 'daily', '--out', join(dir, 'never'), ...tiny, '--select-from', 'network,network@1');
    expect(head.code).toBe(2);
    expect(head.stderr).toContain('--select-from: the network has heads for base lags 7, not 1');
    expect(existsSync(join(dir, 'never'))).toBe(false);
  });

  describe('bad input: one line, exit 2, nothing overwritten', () => {
    const cases: Array<[string, string, string[], RegExp]> = [
      ['no numeric values', 'id,,\n', [], /holds no numeric values/],
      ['NaN', 'a,1,NaN,3\n', [], /"NaN" is not a finite number/],
      ['Infinity', 'a,1,2,Infinity\n', [], /"Infinity" is not a finite number/],
      ['constant zeros', 'a,1,2,3\nb,0,0,0\n', [], /series "b" is all zeros/],
      ['horizon 0', 'a,1,2,3\n', ['--horizon', '0'], /--horizon must be >= 1/],
      ['horizon too long', 'a,1,2,3,4,5\n', ['--horizon', '30'], /--horizon 30 is too long/],
      ['unknown frequency', 'a,1,2,3\n', ['--freq', 'fortnightly'], /unknown frequency "fortnightly"/],
      ['negative values on the log scale', 'a,1,2,3,4,5,6,7,8,9\nb,1,-2,3,4,5,6,7,8,9\n', ['--log-floor', '0.05', '--context', '4'], /series "b" has negative values, which the log scale cannot take \(the hourly default\); train on the linear scale with --log-floor 0/],
      ['a log floor of 1', 'a,1,2,3\n', ['--log-floor', '1'], /--log-floor must be less than 1/],
    ];
    it.each(cases)('%s', async (_name, text, extra, message) => {
      const file = join(dir, 'bad.csv');
      writeFileSync(file, text);
      const out = join(dir, 'untouched');
      const flags = ['--horizon', '3', '--freq', 'daily', ...extra];
      const r = await run('train', '--data', file, '--out', out, ...flags);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
      expect(existsSync(out)).toBe(false);
    });

    it('a corrupt model directory', async () => {
      const copy = join(dir, 'corrupt');
      await run('train', '--data', data, '--horizon', '7', '--freq', 'daily', '--out', copy, ...tiny);
      const manifest = join(copy, 'model.json');
      writeFileSync(manifest, readFileSync(manifest, 'utf8').slice(0, 100));
      const svg = join(dir, 'kept.svg');
      writeFileSync(svg, 'old');
      const before = statSync(svg).mtimeMs;
      const r = await run('plot', '--model', copy, '--data', data, '--id', 's0', '--out', svg);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain('model.json');
      expect(readFileSync(svg, 'utf8')).toBe('old');
      expect(statSync(svg).mtimeMs).toBe(before);
      const p = await run('predict', '--model', join(dir, 'missing'), '--data', data);
      expect(p.code).toBe(2);
      expect(p.stderr).toContain('holds no model');
    });
  });
});
