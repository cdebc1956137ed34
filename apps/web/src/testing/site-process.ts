import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';

/** The repository root (apps/web/src/testing → four levels up). */
export const ROOT = path.resolve(__dirname, '..', '..', '..', '..');

/** `npm start` as a child process, and the URL it printed. */
export interface SiteProcess {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Runs what `npm start -- --port 0` runs (build when stale, then serve) and resolves with the printed URL.
 * Rejects with the process's stderr when it exits first or prints no URL within `timeoutMs`.
 */
export function startSite(timeoutMs = 120_000): Promise<SiteProcess> {
  const child = spawn(process.execPath, [path.join(ROOT, 'apps/web/start.mjs'), '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr += String(chunk)));
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill();
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`npm start printed no URL within ${timeoutMs} ms:\n${stderr}`));
    }, timeoutMs);
    let stdout = '';
    child.stdout?.on('data', (chunk) => {
      stdout += String(chunk);
      const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(stdout)?.[0];
      if (url) {
        clearTimeout(timer);
        resolve({ url, child, stop });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited with ${code}:\n${stderr}`));
    });
  });
}
