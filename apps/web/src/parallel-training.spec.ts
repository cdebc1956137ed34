// Training on the text page on several threads (Web Workers sharing memory), in Debian's chromium against
// `npm start`: the page is cross-origin isolated, 2 threads give the 1-thread losses, and a training worker that
// cannot start is an error on the page, not a wait.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium, type TestBrowser } from './testing/chromium';
import { ROOT, startSite, type SiteProcess } from './testing/site-process';

jest.setTimeout(180_000);

const textOf = (selector: string) => `(document.querySelector(${JSON.stringify(selector)})?.textContent ?? '')`;

describe('the text page trains on several threads', () => {
  let site: SiteProcess;
  let browser: TestBrowser;
  const consoleErrors: string[] = [];
  const corpus = readFileSync(path.join(ROOT, 'packages/rnn-core/README.md'), 'utf8').slice(0, 6000);

  beforeAll(async () => {
    site = await startSite();
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await site?.stop();
  });

  async function open(): Promise<Page> {
    const page = await browser.context.newPage();
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(`console: ${m.text()}`));
    page.on('pageerror', (err) => consoleErrors.push(`uncaught: ${err.message}`));
    await page.goto(new URL('/text', site.url).href);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
    return page;
  }

  /** Trains `steps` steps of a 32-unit GRU on `threads` threads; resolves with the losses and step times. */
  async function train(page: Page, threads: number, steps: number): Promise<{ losses: number[]; stepMs: number[]; status: string }> {
    await page.fill('#train-text', corpus);
    await page.fill('#train-steps', String(steps));
    await page.fill('#train-units', '32');
    await page.fill('#train-threads', String(threads));
    await page.click('#train');
    await page.waitForFunction(`/done/.test(${textOf('#train-status')})`, undefined, { timeout: 120_000 });
    return {
      losses: JSON.parse((await page.getAttribute('#loss-chart', 'data-losses')) ?? '[]') as number[],
      stepMs: JSON.parse((await page.getAttribute('#loss-chart', 'data-step-ms')) ?? '[]') as number[],
      status: (await page.textContent('#train-status')) ?? '',
    };
  }

  it('is cross-origin isolated and offers every core', async () => {
    const page = await open();
    await expect(page.evaluate('self.crossOriginIsolated')).resolves.toBe(true);
    const cores = (await page.evaluate('navigator.hardwareConcurrency')) as number;
    await expect(page.inputValue('#train-threads')).resolves.toBe(String(cores));
    await page.close();
  });

  it('gives the same losses on 2 threads as on 1 (within 1e-5), and says how many threads it uses', async () => {
    const page = await open();
    const one = await train(page, 1, 8);
    expect(one.status).toMatch(/^training on 1 thread: step 8/);
    const two = await train(page, 2, 8);
    expect(two.status).toMatch(/^training on 2 threads: step 8/);
    await expect(page.getAttribute('#train-status', 'data-threads')).resolves.toBe('2');
    expect(two.losses).toHaveLength(8);
    // The slices' gradient sums meet in another order than one thread's sum: float32 rounding, far below 1e-5.
    two.losses.forEach((loss, k) => expect(Math.abs(loss - one.losses[k])).toBeLessThan(1e-5));
    // The losses move (a test on equal constants would pass with a trainer that does nothing).
    expect(one.losses[7]).toBeLessThan(one.losses[0]);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    console.log(`step ms, median of steps 2-8: 1 thread ${median(one.stepMs.slice(1))}, 2 threads ${median(two.stepMs.slice(1))}`);
    await page.close();
  });

  it('a training worker that fails mid-run is an error on the page, not a wait', async () => {
    const page = await open();
    await page.fill('#train-text', corpus);
    await page.fill('#train-steps', '5000');
    await page.fill('#train-units', '32');
    await page.fill('#train-threads', '2');
    await page.click('#train');
    await page.waitForFunction(`/step [0-9]+/.test(${textOf('#train-status')})`, undefined, { timeout: 60_000 });
    const worker = page.workers().find((w) => w.url().endsWith('/js/training-worker.js'));
    expect(worker).toBeDefined();
    // An uncaught error in the training worker, outside any step's try: what a crash of its code looks like.
    await worker!.evaluate("setTimeout(() => { throw new Error('injected failure'); }, 0)");
    const box = page.locator('#message');
    await box.waitFor({ state: 'visible', timeout: 60_000 });
    await expect(box.textContent()).resolves.toMatch(/training worker 1 of 1 stopped on an error: .*injected failure/);
    await expect(page.isEnabled('#train')).resolves.toBe(true);
    await page.close();
    // The injected error is also logged by the worker; that one is the point of this test.
    const unexpected = consoleErrors.splice(0).filter((e) => !/injected failure/.test(e));
    expect(unexpected).toEqual([]);
  });

  it('no page logged a console error', () => {
    expect(consoleErrors).toEqual([]);
  });
});
