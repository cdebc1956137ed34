import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's chromium: browser downloads cannot work on the project's machines. */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * Flags of every test browser: no sandbox (containers), no GPU (WebGL still runs, on Chromium's software
 * SwiftShader), nothing that reaches the network by itself.
 */
export const BASE_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Flags that make a WAV file the microphone, with permission granted without a prompt. */
export function fakeMicrophoneFlags(wavFile: string): string[] {
  return ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-audio-capture=${wavFile}`];
}

/** A headless browser with a fresh profile; `close()` also removes the profile. */
export interface TestBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Launches headless Debian chromium with {@link BASE_FLAGS}, `extraFlags` and a new --user-data-dir. */
export async function launchChromium(extraFlags: readonly string[] = []): Promise<TestBrowser> {
  const profile = mkdtempSync(path.join(tmpdir(), 'rnnkit-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...BASE_FLAGS, ...extraFlags],
    viewport: { width: 1280, height: 800 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
