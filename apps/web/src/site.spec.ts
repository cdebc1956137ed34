// The site in a real browser: Debian's chromium, headless, driven by playwright-core, against `npm start`.
// A WAV of bundled digit samples with pauses stands in for the microphone.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { fakeMicrophoneFlags, launchChromium, type TestBrowser } from './testing/chromium';
import { digitsWav } from './testing/digits-wav';
import { ROOT, startSite, type SiteProcess } from './testing/site-process';

/** Where the screenshots go (git-ignored): look at them after a change to the pages. */
const SCREENSHOTS = path.join(ROOT, 'apps/web/screenshots');
const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
];
/** Word-mode samples heard through the fake microphone, in order. */
const MICROPHONE_SAMPLES = ['1_esp-en-us-nyc-m7_1.wav', '3_esp-en-gb-x-rp-linda_3.wav', '0_esp-en-gb-x-gbclan-klatt3_0.wav'];

jest.setTimeout(180_000);

/**
 * A page-side expression for the text of the element `selector` ('' when there is none). Page functions are
 * written as strings: this project's type check has no DOM types outside the pages.
 */
function textOf(selector: string): string {
  return `(document.querySelector(${JSON.stringify(selector)})?.textContent ?? '')`;
}

describe('the web site in Chromium', () => {
  let site: SiteProcess;
  let browser: TestBrowser;
  let work: string;
  let microphoneDigits: string[];
  /** Console errors and uncaught exceptions of every page opened by {@link open}. */
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    work = mkdtempSync(path.join(tmpdir(), 'rnnkit-web-test-'));
    const wav = digitsWav(path.join(ROOT, 'apps/speech-demo/samples'), MICROPHONE_SAMPLES);
    microphoneDigits = wav.digits;
    writeFileSync(path.join(work, 'digits.wav'), wav.bytes);
    mkdirSync(SCREENSHOTS, { recursive: true });
    site = await startSite();
    browser = await launchChromium(fakeMicrophoneFlags(path.join(work, 'digits.wav')));
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await site?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  function watch(page: Page, into: string[]): void {
    page.on('console', (message) => {
      if (message.type() === 'error') into.push(`${page.url()}: console: ${message.text()}`);
    });
    page.on('pageerror', (err) => into.push(`${page.url()}: uncaught: ${err.message}`));
  }

  /** Opens a page of the site and waits until it says it is ready (its model is loaded). */
  async function open(route: string, options: { ready?: boolean; errors?: string[] } = {}): Promise<Page> {
    const page = await browser.context.newPage();
    watch(page, options.errors ?? consoleErrors);
    await page.goto(new URL(route, site.url).href);
    if (options.ready ?? true) await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
    return page;
  }

  async function screenshots(page: Page, name: string): Promise<void> {
    for (const viewport of VIEWPORTS) {
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${viewport.name}.png`), fullPage: true });
    }
    await page.setViewportSize({ width: 1280, height: 800 });
  }

  /** Waits for the page's message box and checks what it says. */
  async function expectMessage(page: Page, expected: RegExp): Promise<void> {
    const box = page.locator('#message');
    await box.waitFor({ state: 'visible', timeout: 60_000 });
    await expect(box.textContent()).resolves.toMatch(expected);
  }

  it('home links to the three pages', async () => {
    const page = await open('/', { ready: false });
    for (const route of ['/speech', '/text', '/translate']) {
      await expect(page.locator(`main a[href="${route}"]`).count()).resolves.toBe(1);
    }
    await screenshots(page, 'home');
    await page.close();
  });

  it('speech: hears the digits of the fake microphone, one utterance at a time', async () => {
    const page = await open('/speech');
    await page.click('[data-testid="mic"]');
    await page.waitForFunction(`${textOf('[data-testid="transcript"]')}.split(' ').filter(Boolean).length >= ${microphoneDigits.length}`, undefined, {
      timeout: 60_000,
    });
    const heard = (await page.textContent('[data-testid="transcript"]'))!.split(' ');
    expect(heard.slice(0, microphoneDigits.length)).toEqual(microphoneDigits);
    // Each digit is shown with its probability.
    await expect(page.locator('#utterances .digit small').first().textContent()).resolves.toMatch(/^\d+%$/);
    await page.click('[data-testid="mic"]');
    await screenshots(page, 'speech');
    await page.close();
  });

  it('speech: sequence mode reads a bundled digit string from its "try a sample" button', async () => {
    const page = await open('/speech');
    await page.selectOption('#mode', 'sequence');
    await page.waitForFunction(`/sequence model is ready/.test(${textOf('#status')})`, undefined, { timeout: 60_000 });
    await page.click('#samples button[title^="123_"]');
    await page.waitForFunction(`${textOf('[data-testid="transcript"]')}.length > 0`, undefined, { timeout: 30_000 });
    await expect(page.textContent('[data-testid="transcript"]')).resolves.toBe('123');
    await page.close();
  });

  it('speech: a dropped file that is not a WAV gets a message', async () => {
    const page = await open('/speech');
    // What a drop of a text file delivers to the drop zone.
    await page.evaluate(`{
      const data = new DataTransfer();
      data.items.add(new File(['just some text'], 'notes.txt', { type: 'text/plain' }));
      document.querySelector('#drop').dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    }`);
    await expectMessage(page, /"notes\.txt" is not a WAV file/);
    await page.close();
  });

  it('text: the shipped model streams at least 500 characters into the page', async () => {
    const page = await open('/text');
    await page.fill('#length', '1500');
    await page.click('[data-testid="generate"]');
    // Streaming: part of the text is on the page before the whole of it.
    await page.waitForFunction(`${textOf('[data-testid="generated"]')}.length > 0 && ${textOf('[data-testid="generated"]')}.length < 1500`, undefined, {
      timeout: 30_000,
      polling: 10,
    });
    await page.waitForSelector('#rate[data-chars-per-second]', { timeout: 60_000 });
    const text = (await page.textContent('[data-testid="generated"]')) ?? '';
    expect(text.length).toBeGreaterThanOrEqual(500);
    await screenshots(page, 'text');
    await page.close();
  });

  it('text: training in the page lowers the loss, then the trained model generates', async () => {
    const page = await open('/text');
    const corpus = readFileSync(path.join(ROOT, 'packages/rnn-core/README.md'), 'utf8').slice(0, 8000);
    await page.fill('#train-text', corpus);
    await page.fill('#train-steps', '60');
    await page.fill('#train-units', '64');
    await page.click('#train');
    await page.waitForFunction(`/done/.test(${textOf('#train-status')})`, undefined, { timeout: 120_000 });
    const losses = JSON.parse((await page.getAttribute('#loss-chart', 'data-losses')) ?? '[]') as number[];
    expect(losses).toHaveLength(60);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    // Untrained, the loss is about ln(vocabulary size) ≈ 4; 60 Adam steps bring it well below.
    expect(mean(losses.slice(-10))).toBeLessThan(0.8 * mean(losses.slice(0, 5)));
    await expect(page.textContent('#train-samples')).resolves.toMatch(/step 50: /);
    await expect(page.inputValue('#model')).resolves.toBe('trained');
    await page.fill('#length', '200');
    await page.click('[data-testid="generate"]');
    await page.waitForSelector('#rate[data-chars-per-second]', { timeout: 30_000 });
    await expect(page.textContent('[data-testid="generated"]').then((t) => t?.length)).resolves.toBe(200);
    await screenshots(page, 'text-trained');
    await page.close();
  });

  it('text: empty training text gets a message', async () => {
    const page = await open('/text');
    await page.fill('#train-text', '   ');
    await page.click('#train');
    await expectMessage(page, /Paste some text to train on first/);
    await page.close();
  });

  it('translate: "27 de novembro de 2026" becomes 2026-11-27, with its attention heat map', async () => {
    const page = await open('/translate');
    await page.selectOption('[data-testid="task"]', 'dates');
    await page.fill('[data-testid="source"]', '27 de novembro de 2026');
    await page.click('#translate');
    await page.waitForFunction(`/27 de novembro/.test(${textOf('#attention')})`, undefined, { timeout: 30_000 });
    await expect(page.textContent('[data-testid="translation"]')).resolves.toBe('2026-11-27');
    // One shaded cell per (output symbol, input symbol): 11 outputs (10 characters and the end) × 22 inputs.
    await expect(page.locator('#attention svg rect').count()).resolves.toBeGreaterThanOrEqual(11 * 22);
    await screenshots(page, 'translate');
    await page.close();
  });

  it('translate: en-fr turns a real English sentence into French (the shipped Tatoeba model, beam 4)', async () => {
    const page = await open('/translate');
    await page.selectOption('[data-testid="task"]', 'en-fr');
    await page.fill('[data-testid="source"]', 'Where is the station?');
    await page.click('#translate');
    await page.waitForFunction(`/gare/.test(${textOf('[data-testid="translation"]')})`, undefined, { timeout: 30_000 });
    // The CLI's beam-4 output of the same model.
    await expect(page.textContent('[data-testid="translation"]')).resolves.toBe('Où est la gare ?');
    await expect(page.textContent('#status')).resolves.toMatch(/^en-fr: beam 4/);
    await screenshots(page, 'translate-en-fr');
    await page.close();
  });

  it('a model that fails to load gets a message on the page', async () => {
    const errors: string[] = [];
    const text = await browser.context.newPage();
    watch(text, errors);
    await text.route('**/models/text/default/weights-*.bin', (route) => route.fulfill({ status: 200, body: 'not the weights' }));
    await text.goto(new URL('/text', site.url).href);
    await expectMessage(text, /The text model could not be loaded: /);
    // The failure is told on the page, not thrown at the console.
    expect(errors).toEqual([]);
    await text.close();

    const translate = await open('/translate');
    await translate.route('**/models/translate/numbers-en/model.json', (route) => route.fulfill({ status: 200, body: '{"format":"something else"}' }));
    await translate.selectOption('[data-testid="task"]', 'numbers-en');
    await expectMessage(translate, /The numbers-en model could not be used: /);
    await translate.close();
  });

  it('the microphone: permission denied and no microphone each get a message', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--use-fake-device-for-media-stream', '--deny-permission-prompts'], /Microphone permission was denied/],
      [['--use-fake-ui-for-media-stream'], /No microphone was found/],
    ];
    for (const [flags, expected] of cases) {
      const denied = await launchChromium(flags);
      try {
        const page = await denied.context.newPage();
        await page.goto(new URL('/speech', site.url).href);
        await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
        await page.click('[data-testid="mic"]');
        await expectMessage(page, expected);
      } finally {
        await denied.close();
      }
    }
  });

  it('no page logged a console error', () => {
    expect(consoleErrors).toEqual([]);
  });
});
