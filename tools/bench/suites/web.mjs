// `npm run bench -- web [--backends wasm,webgl,cpu] [--chars N] [--steps N]`: the web site in headless Chromium
// (Debian's /usr/bin/chromium): time to interactive per page, end-of-speech → result latency, generation speed,
// one training step in the page against the same step in Node, and the bundle's size without models and wasm —
// for each TensorFlow.js backend asked for (this is also the measurement behind the pages' default backend).
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const WEB = join(ROOT, 'apps/web');
const PAGES = ['/', '/speech', '/text', '/translate'];
/** Word-mode samples played through the fake microphone: five utterances, ~1.2 s apart. */
const SPEECH_SAMPLES = ['1_esp-en-us-nyc-m7_1.wav', '3_esp-en-gb-x-rp-linda_3.wav', '0_esp-en-gb-x-gbclan-klatt3_0.wav', '2_esp-en-us-nyc-annie_2.wav'];

function option(args, name, fallback) {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
}

const median = (xs) => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const round = (x, digits = 1) => (x === null || x === undefined ? null : Number(x.toFixed(digits)));

/** The test helpers (Chromium launcher, digit WAV) and the page's trainer, bundled for Node into the build folder. */
async function loadKit() {
  const outfile = join(WEB, 'dist', 'bench-kit.cjs');
  await esbuild.build({
    stdin: {
      contents: [
        "export { launchChromium, fakeMicrophoneFlags } from './src/testing/chromium';",
        "export { digitsWav } from './src/testing/digits-wav';",
        "export { trainInPage } from './pages/page-trainer';",
        "export { selectBackend, tf } from '@rnnkit/rnn-core';",
        "export { generate, loadCharModel } from '@rnnkit/char-lm';",
      ].join('\n'),
      resolveDir: WEB,
      loader: 'ts',
    },
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // The packages from their sources, as the site bundles them, so that Node and the page run the same code;
    // everything else (tfjs, playwright-core…) from node_modules.
    packages: 'external',
    plugins: [
      {
        name: 'rnnkit-sources',
        setup(build) {
          build.onResolve({ filter: /^@rnnkit\/[a-z0-9-]+$/ }, (a) => ({ path: join(ROOT, 'packages', a.path.slice('@rnnkit/'.length), 'src', 'index.ts') }));
        },
      },
    ],
    logLevel: 'warning',
  });
  return createRequire(import.meta.url)(outfile);
}

function startServer() {
  const child = spawn(process.execPath, [join(WEB, 'dist', 'serve.cjs'), '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(out)?.[0];
      if (url) resolve({ url, stop: () => child.kill() });
    });
    child.once('exit', (code) => reject(new Error(`the site's server exited with ${code}`)));
  });
}

function bundleSize() {
  const site = join(WEB, 'dist', 'site');
  let raw = 0;
  let gzip = 0;
  const visit = (dir) => {
    for (const name of readdirSync(dir)) {
      const file = join(dir, name);
      if (statSync(file).isDirectory()) {
        if (!['models', 'samples', 'tfjs'].includes(name)) visit(file);
      } else if (/\.(js|html|css)$/.test(name)) {
        const bytes = readFileSync(file);
        raw += bytes.length;
        gzip += gzipSync(bytes).length;
      }
    }
  };
  visit(site);
  return { bytes: raw, gzip_bytes: gzip };
}

async function openPage(context, url, route) {
  const page = await context.newPage();
  // The site's own code, as loaded by the page and its workers: everything but models, wasm binaries and samples.
  const code = [];
  page.on('response', (response) => {
    if (!/^\/(models|tfjs|samples)\//.test(new URL(response.url()).pathname)) code.push(response.body().then((b) => b.length, () => 0));
  });
  await page.goto(new URL(route, url).href);
  return { page, codeBytes: async () => (await Promise.all(code)).reduce((a, b) => a + b, 0) };
}

/** What WebGL runs on in this browser (on a machine without a GPU: SwiftShader, Chromium's software renderer). */
async function webglRenderer(context) {
  const page = await context.newPage();
  const renderer = await page.evaluate(`(() => {
    const gl = document.createElement('canvas').getContext('webgl2');
    const info = gl && gl.getExtension('WEBGL_debug_renderer_info');
    return gl ? (info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : 'webgl2') : 'none';
  })()`);
  await page.close();
  return renderer;
}

/** Time to interactive: until the page's model is loaded and it marks itself ready (the home page: its load event). */
async function timeToInteractive(context, url, query) {
  const out = { ms: {}, code_bytes_loaded: {} };
  for (const route of PAGES) {
    const { page, codeBytes } = await openPage(context, url, route === '/' ? route : route + query);
    try {
      if (route === '/') {
        await page.waitForLoadState('load');
        out.ms[route] = await page.evaluate('Math.round(performance.getEntriesByType("navigation")[0].loadEventEnd)');
      } else {
        await page.waitForSelector('body[data-ready="true"]', { timeout: 120_000 });
        out.ms[route] = Number(await page.getAttribute('body', 'data-ready-ms'));
      }
      out.code_bytes_loaded[route] = await codeBytes();
    } catch (err) {
      out.ms[route] = { error: err.message.split('\n')[0] };
    } finally {
      await page.close();
    }
  }
  return out;
}

async function speechLatency(context, url, query, utterances) {
  const { page } = await openPage(context, url, `/speech${query}`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 120_000 });
  await page.click('[data-testid="mic"]');
  await page.waitForFunction((n) => document.querySelectorAll('#utterances li').length >= n, utterances, { timeout: 120_000 });
  const rows = await page.$$eval('#utterances li', (items) => items.map((li) => [Number(li.dataset.latencyMs), Number(li.dataset.computeMs)]));
  const transcript = await page.textContent('[data-testid="transcript"]');
  await page.close();
  const latency = rows.map(([l]) => l);
  return {
    transcript,
    latency_ms_median: round(median(latency)),
    latency_ms_max: round(Math.max(...latency)),
    recognize_ms_median: round(median(rows.map(([, c]) => c))),
  };
}

async function generationSpeed(context, url, query, chars) {
  const { page } = await openPage(context, url, `/text${query}`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 120_000 });
  const runs = [];
  // The first run includes the backend's warm-up (kernel compilation); the second is the steady speed.
  for (const seed of ['1', '2']) {
    await page.fill('#length', String(chars));
    await page.fill('#seed', seed);
    await page.evaluate(() => document.querySelector('#rate')?.removeAttribute('data-chars-per-second'));
    await page.click('[data-testid="generate"]');
    await page.waitForSelector('#rate[data-chars-per-second]', { timeout: 300_000 });
    runs.push(Number(await page.getAttribute('#rate', 'data-chars-per-second')));
  }
  await page.close();
  return { first_run_chars_per_s: Math.round(runs[0]), chars_per_s: Math.round(runs[1]) };
}

async function trainingStepInPage(context, url, query, text, steps) {
  const { page } = await openPage(context, url, `/text${query}`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 120_000 });
  await page.fill('#train-text', text);
  await page.fill('#train-steps', String(steps));
  await page.fill('#train-units', '128');
  // One thread, like the Node step it is compared with (the page's default is every core where it is isolated).
  await page.fill('#train-threads', '1');
  await page.click('#train');
  await page.waitForFunction(() => /done/.test(document.querySelector('#train-status')?.textContent ?? ''), undefined, { timeout: 600_000 });
  const stepMs = JSON.parse((await page.getAttribute('#loss-chart', 'data-step-ms')) ?? '[]');
  await page.close();
  // The first steps compile kernels; the median of the rest is the step time.
  return round(median(stepMs.slice(3)));
}

async function trainingStepInNode(kit, text, steps) {
  await kit.selectBackend({ backend: 'wasm', log: null });
  const stepMs = [];
  const { model } = await kit.trainInPage(text, { steps, hidden: 128 }, {
    onLoss: (_step, _loss, ms) => stepMs.push(ms),
    onSample: () => undefined,
    shouldStop: () => false,
  }, Number.MAX_SAFE_INTEGER);
  model.dispose();
  return round(median(stepMs.slice(3)));
}

/** The same generation in Node on wasm (the shipped model, same length and seed as the page's second run). */
async function generationInNode(kit, chars) {
  await kit.selectBackend({ backend: 'wasm', log: null });
  const { model, vocabulary } = await kit.loadCharModel(join(ROOT, 'apps/text-gen/models/default'));
  const rates = [];
  for (const seed of [1, 2]) {
    const started = performance.now();
    let n = 0;
    for await (const chunk of kit.generate(model, vocabulary, { length: chars, prime: 'The ', temperature: 0.8, seed })) n += chunk.length;
    rates.push((n * 1000) / (performance.now() - started));
  }
  model.dispose();
  return { first_run_chars_per_s: Math.round(rates[0]), chars_per_s: Math.round(rates[1]) };
}

export async function run(args) {
  const backends = option(args, '--backends', 'wasm,webgl,cpu').split(',');
  const chars = Number(option(args, '--chars', '5000'));
  const steps = Number(option(args, '--steps', '20'));
  const { buildSite, needsBuild } = await import(join(WEB, 'build.mjs'));
  if (needsBuild()) await buildSite();
  const kit = await loadKit();
  const work = mkdtempSync(join(tmpdir(), 'rnnkit-bench-web-'));
  const wav = kit.digitsWav(join(ROOT, 'apps/speech-demo/samples'), SPEECH_SAMPLES);
  writeFileSync(join(work, 'digits.wav'), wav.bytes);
  const text = readFileSync(join(ROOT, 'packages/rnn-core/README.md'), 'utf8').slice(0, 20_000);
  const server = await startServer();
  const figures = {
    machine: 'shared 2-core machine; other work may have run at the same time — compare only figures of one run',
    chromium: '/usr/bin/chromium, headless',
    bundle: bundleSize(),
    expected_transcript: wav.digits.join(' '),
    backends: {},
  };
  try {
    for (const backend of backends) {
      // The machine has no GPU: webgl runs on Chromium's software renderer (SwiftShader), as on any GPU-less machine.
      const browser = await kit.launchChromium(kit.fakeMicrophoneFlags(join(work, 'digits.wav')));
      const query = `?backend=${backend}`;
      const row = {};
      // Each figure on its own: one that fails is reported as its error, and the others are still measured.
      const measure = async (name, fn) => {
        try {
          row[name] = await fn();
        } catch (err) {
          row[name] = { error: err instanceof Error ? err.message.split('\n')[0] : String(err) };
        }
      };
      try {
        if (backend === 'webgl') await measure('webgl_renderer', () => webglRenderer(browser.context));
        await measure('time_to_interactive', () => timeToInteractive(browser.context, server.url, query));
        await measure('speech', () => speechLatency(browser.context, server.url, query, SPEECH_SAMPLES.length));
        await measure('generation', () => generationSpeed(browser.context, server.url, query, chars));
        await measure('training_step_ms', () => trainingStepInPage(browser.context, server.url, query, text, steps));
      } finally {
        await browser.close();
      }
      figures.backends[backend] = row;
      console.error(`web bench: ${backend}: ${JSON.stringify(row)}`);
    }
    figures.node_generation_wasm = await generationInNode(kit, chars);
    figures.node_training_step_ms_wasm = await trainingStepInNode(kit, text, steps);
    figures.training_step = 'GRU 128, one-hot input, batch 16 × 32 steps, Adam; median step after 3 warm-up steps';
  } finally {
    server.stop();
    rmSync(work, { recursive: true, force: true });
  }
  return figures;
}
