// The text page: streams text from the shipped character model (or one trained here) out of a Web Worker, and
// trains a small model on pasted text with a live loss chart.
import { backendFromUrl } from './backend';
import { byId, markReady, numberValue, showMessage } from './dom';
import { drawLossChart } from './loss-chart';
import type { FromTextWorker, GenerateRequest, ToTextWorker } from './text-messages';

const worker = new Worker(new URL('/js/text-worker.js', location.href), { type: 'module' });
const send = (message: ToTextWorker) => worker.postMessage(message);

const generateButton = byId<HTMLButtonElement>('generate');
const stopButton = byId<HTMLButtonElement>('stop-generating');
const output = byId('generated');
const rate = byId('rate');
const trainButton = byId<HTMLButtonElement>('train');
const stopTrainingButton = byId<HTMLButtonElement>('stop-training');
const trainStatus = byId('train-status');
const chart = byId<HTMLCanvasElement>('loss-chart');
const samples = byId('train-samples');
const modelChoice = byId<HTMLSelectElement>('model');
const losses: Array<[number, number]> = [];
/** Milliseconds of each training step, for the benchmark. */
const stepTimes: number[] = [];
/** "training on N threads" (and why not more), shown with every step's status. */
let threadsNote = '';

/** Reads and checks the sampling settings; a problem is shown on the page and gives null. */
function generateRequest(): GenerateRequest | null {
  const request: GenerateRequest = {
    type: 'generate',
    model: modelChoice.value === 'trained' ? 'trained' : 'shipped',
    length: numberValue('length', 1000),
    prime: byId<HTMLInputElement>('prime').value,
    temperature: numberValue('temperature', 0.8),
    seed: numberValue('seed', 1),
    stop: byId<HTMLInputElement>('stop').value ? [byId<HTMLInputElement>('stop').value.replace(/\\n/g, '\n')] : [],
  };
  const topK = numberValue('top-k', 0);
  const topP = numberValue('top-p', 1);
  const problems = [
    !(Number.isInteger(request.length) && request.length >= 1 && request.length <= 100_000) && 'length must be a whole number from 1 to 100000',
    !(request.temperature > 0 && request.temperature <= 3) && 'temperature must be above 0 and at most 3',
    !(Number.isInteger(topK) && topK >= 0) && 'top-k must be a whole number (0 for no limit)',
    !(topP > 0 && topP <= 1) && 'top-p must be above 0 and at most 1',
    !(Number.isInteger(request.seed) && request.seed >= 0) && 'the seed must be a whole number, 0 or more',
  ].filter(Boolean);
  if (problems.length > 0) {
    showMessage(`Check the settings: ${problems.join('; ')}.`);
    return null;
  }
  if (topK > 0) request.topK = topK;
  if (topP < 1) request.topP = topP;
  return request;
}

function setGenerating(on: boolean): void {
  generateButton.disabled = on;
  stopButton.disabled = !on;
}

generateButton.addEventListener('click', () => {
  showMessage(null);
  const request = generateRequest();
  if (!request) return;
  output.textContent = '';
  rate.textContent = '';
  setGenerating(true);
  send(request);
});
stopButton.addEventListener('click', () => send({ type: 'stop' }));

trainButton.addEventListener('click', () => {
  showMessage(null);
  losses.length = 0;
  stepTimes.length = 0;
  drawLossChart(chart, losses);
  samples.textContent = '';
  trainStatus.textContent = 'Starting…';
  threadsNote = '';
  trainButton.disabled = true;
  stopTrainingButton.disabled = false;
  send({
    type: 'train',
    text: byId<HTMLTextAreaElement>('train-text').value,
    steps: numberValue('train-steps', 200),
    hidden: numberValue('train-units', 128),
    threads: numberValue('train-threads', 1),
  });
});
stopTrainingButton.addEventListener('click', () => send({ type: 'stop-training' }));

function endTraining(): void {
  trainButton.disabled = false;
  stopTrainingButton.disabled = true;
}

worker.onmessage = (event: MessageEvent<FromTextWorker>) => {
  const message = event.data;
  switch (message.type) {
    case 'ready':
      generateButton.disabled = false;
      rate.textContent = `Model loaded (${message.vocabularySize} symbols, ${message.backend} backend).`;
      byId<HTMLInputElement>('train-threads').value = String(message.threads);
      markReady();
      break;
    case 'text':
      output.textContent += message.text;
      output.scrollTop = output.scrollHeight;
      rate.textContent = `${message.chars} characters, ${Math.round((message.chars * 1000) / Math.max(message.ms, 1))} chars/s`;
      break;
    case 'generated':
      setGenerating(false);
      rate.textContent = `${message.chars} characters in ${(message.ms / 1000).toFixed(2)} s: ${Math.round((message.chars * 1000) / Math.max(message.ms, 1))} chars/s`;
      rate.dataset.charsPerSecond = String((message.chars * 1000) / Math.max(message.ms, 1));
      break;
    case 'training-on':
      threadsNote = `training on ${message.threads} thread${message.threads === 1 ? '' : 's'}${message.notice ? ` (${message.notice})` : ''}`;
      trainStatus.textContent = `${threadsNote}…`;
      trainStatus.dataset.threads = String(message.threads);
      break;
    case 'loss':
      losses.push([message.step, message.loss]);
      drawLossChart(chart, losses);
      trainStatus.textContent = `${threadsNote}: step ${message.step}, loss ${message.loss.toFixed(3)} nats/char (${message.stepMs.toFixed(0)} ms/step)`;
      chart.dataset.losses = JSON.stringify(losses.map(([, loss]) => loss));
      stepTimes.push(Number(message.stepMs.toFixed(1)));
      chart.dataset.stepMs = JSON.stringify(stepTimes);
      break;
    case 'sample':
      samples.textContent = `step ${message.step}: ${message.text}\n\n${samples.textContent ?? ''}`;
      break;
    case 'trained':
      endTraining();
      trainStatus.textContent += ' — done; choose "Trained on this page" to generate from it.';
      modelChoice.querySelector<HTMLOptionElement>('option[value="trained"]')!.disabled = false;
      modelChoice.value = 'trained';
      break;
    case 'error':
      if (message.during === 'train') {
        endTraining();
        trainStatus.textContent = '';
      }
      if (message.during === 'generate') setGenerating(false);
      showMessage(message.during === 'load' ? `The text model could not be loaded: ${message.message}` : message.message);
      break;
  }
};
worker.onerror = (event) => showMessage(`The text worker failed: ${event.message}`);

generateButton.disabled = true;
drawLossChart(chart, losses);
send({ type: 'load', backend: backendFromUrl(location.href) });
