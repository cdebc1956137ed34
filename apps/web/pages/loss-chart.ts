// A small line chart of the training loss on a canvas, redrawn as points arrive.

/** Draws `points` ([step, loss]) scaled to the canvas, with the axes' extremes written at the corners. */
export function drawLossChart(canvas: HTMLCanvasElement, points: readonly (readonly [number, number])[]): void {
  const context = canvas.getContext('2d');
  if (!context) return;
  const { width, height } = canvas;
  const pad = { left: 48, right: 12, top: 12, bottom: 24 };
  context.clearRect(0, 0, width, height);
  context.font = '12px system-ui, sans-serif';
  context.fillStyle = '#5b6475';
  context.strokeStyle = '#d9dee8';
  context.strokeRect(pad.left, pad.top, width - pad.left - pad.right, height - pad.top - pad.bottom);
  if (points.length === 0) {
    context.fillText('loss (nats per character) appears here while training', pad.left + 8, height / 2);
    return;
  }
  const lastStep = points[points.length - 1][0];
  const losses = points.map(([, loss]) => loss);
  const top = Math.max(...losses);
  const bottom = Math.min(...losses);
  const span = Math.max(top - bottom, 1e-6);
  const x = (step: number) => pad.left + ((width - pad.left - pad.right) * (step - 1)) / Math.max(lastStep - 1, 1);
  const y = (loss: number) => pad.top + ((height - pad.top - pad.bottom) * (top - loss)) / span;
  context.fillText(top.toFixed(2), 4, pad.top + 10);
  context.fillText(bottom.toFixed(2), 4, height - pad.bottom);
  context.fillText(`step ${lastStep}`, width - pad.right - 70, height - 6);
  context.strokeStyle = '#2457c5';
  context.lineWidth = 2;
  context.beginPath();
  points.forEach(([step, loss], i) => (i === 0 ? context.moveTo(x(step), y(loss)) : context.lineTo(x(step), y(loss))));
  context.stroke();
}
