// The speech page's live displays: an input level meter and a scrolling spectrogram, both fed by an AnalyserNode.

/** Highest frequency drawn: the speech models read 0–4 kHz, so the picture shows a little more than that. */
const TOP_HZ = 5000;

/** The colour of a bin with no energy (the low end of the spectrogram's colour map). */
const SILENCE = 'rgb(0,40,90)';

/** Draws the analyser's input on every animation frame while started. */
export class LiveDisplay {
  private readonly spectrum: Uint8Array<ArrayBuffer>;
  private readonly wave: Float32Array<ArrayBuffer>;
  private frame = 0;

  constructor(
    private readonly analyser: AnalyserNode,
    private readonly canvas: HTMLCanvasElement,
    private readonly meter: HTMLElement,
  ) {
    this.spectrum = new Uint8Array(analyser.frequencyBinCount);
    this.wave = new Float32Array(analyser.fftSize);
  }

  /** Paints the canvas in the colour of silence, so that it does not look empty before the first sound. */
  clear(): void {
    const context = this.canvas.getContext('2d');
    if (!context) return;
    context.fillStyle = SILENCE;
    context.fillRect(0, 0, this.canvas.width, this.canvas.height);
  }

  start(): void {
    if (this.frame === 0) this.frame = requestAnimationFrame(() => this.draw());
  }

  stop(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.meter.style.width = '0';
  }

  private draw(): void {
    this.frame = requestAnimationFrame(() => this.draw());
    this.analyser.getFloatTimeDomainData(this.wave);
    let energy = 0;
    for (const x of this.wave) energy += x * x;
    const dbfs = 10 * Math.log10(energy / this.wave.length + 1e-12);
    // −70 dBFS (a quiet room) to 0 dBFS fills the meter.
    this.meter.style.width = `${Math.max(0, Math.min(100, ((dbfs + 70) / 70) * 100)).toFixed(1)}%`;

    const context = this.canvas.getContext('2d');
    if (!context) return;
    const { width, height } = this.canvas;
    const step = 2;
    context.drawImage(this.canvas, step, 0, width - step, height, 0, 0, width - step, height);
    this.analyser.getByteFrequencyData(this.spectrum);
    const bins = Math.min(this.spectrum.length, Math.ceil((TOP_HZ / (this.analyser.context.sampleRate / 2)) * this.spectrum.length));
    for (let y = 0; y < height; y++) {
      const v = this.spectrum[Math.floor(((height - 1 - y) / height) * bins)];
      // Dark blue through teal to yellow, like the usual spectrogram maps.
      context.fillStyle = `rgb(${Math.round(v * 0.9)},${Math.round(40 + v * 0.75)},${Math.round(90 + v * 0.2)})`;
      context.fillRect(width - step, y, step, 1);
    }
  }
}
