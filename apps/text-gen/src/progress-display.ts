import { natsToBits, type TrainingProgress } from '@rnnkit/char-lm';

/** A duration as m:ss, or h:mm:ss past an hour. */
function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}

/** One line of figures: loss in nats and bits per character, speed, ETA, latest validation. */
export function describeProgress(p: TrainingProgress): string {
  const validation = p.validation === null ? '' : ` | val ${p.validation.toFixed(3)}`;
  return (
    `loss ${p.loss.toFixed(3)} nats = ${natsToBits(Math.max(0, p.loss)).toFixed(3)} bits/char${validation} | ` +
    `${Math.round(p.charsPerSecond).toLocaleString('en-US')} chars/s | ETA ${clock(p.etaSeconds)}`
  );
}
