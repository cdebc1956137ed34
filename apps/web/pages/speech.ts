// The speech page: microphone (getUserMedia → AudioWorklet) or a WAV file in; live level and spectrogram; the
// digits of each utterance appended as it ends, recognised in a worker by the shipped speech models.
import { decodeWav } from '@rnnkit/audio-features';
import { backendFromUrl } from './backend';
import { byId, describeError, markReady, showMessage } from './dom';
import { LiveDisplay } from './spectrogram';
import type { FromSpeechWorker, HeardUtterance, ToSpeechWorker } from './speech-messages';

const micButton = byId<HTMLButtonElement>('mic');
const modeChoice = byId<HTMLSelectElement>('mode');
const transcript = byId('transcript');
const utterances = byId('utterances');
const status = byId('status');
const drop = byId('drop');
const fileInput = byId<HTMLInputElement>('file');

const worker = new Worker(new URL('/js/speech-worker.js', location.href), { type: 'module' });
const send = (message: ToSpeechWorker, transfer: Transferable[] = []) => worker.postMessage(message, transfer);

/** The largest WAV file the page decodes (ten minutes of 16-bit stereo at 44.1 kHz is about 100 MB). */
const MAX_WAV_BYTES = 100 * 2 ** 20;

/** The audio graph, made on the first click (browsers start audio only after a user gesture). */
interface AudioGraph {
  context: AudioContext;
  analyser: AnalyserNode;
  display: LiveDisplay;
}
let graph: AudioGraph | null = null;
let microphone: { stream: MediaStream; node: MediaStreamAudioSourceNode } | null = null;
let playing: AudioBufferSourceNode | null = null;
let modelReady = false;

async function audioGraph(): Promise<AudioGraph> {
  if (graph) {
    await graph.context.resume();
    return graph;
  }
  const context = new AudioContext();
  await context.audioWorklet.addModule(new URL('/js/capture-worklet.js', location.href));
  const analyser = new AnalyserNode(context, { fftSize: 1024, smoothingTimeConstant: 0.2 });
  const capture = new AudioWorkletNode(context, 'rnnkit-capture', { numberOfInputs: 1, numberOfOutputs: 1, channelCount: 1, channelCountMode: 'explicit' });
  capture.port.onmessage = (event: MessageEvent<Float32Array>) => {
    send({ type: 'audio', samples: event.data, sampleRate: context.sampleRate }, [event.data.buffer]);
  };
  // The capture node must reach the destination to be pulled; a silent gain keeps it inaudible.
  const mute = new GainNode(context, { gain: 0 });
  analyser.connect(capture).connect(mute).connect(context.destination);
  graph = { context, analyser, display: new LiveDisplay(analyser, byId<HTMLCanvasElement>('spectrogram'), byId('level')) };
  graph.display.clear();
  return graph;
}

function microphoneProblem(err: unknown): string {
  const name = (err as DOMException | null)?.name;
  if (name === 'NotAllowedError' || name === 'SecurityError') {
    return 'Microphone permission was denied. Allow this page to use the microphone (the icon in the address bar), or try a sample below.';
  }
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'NotReadableError') {
    return 'No microphone was found (or it is in use by another program). Connect one and try again, or try a sample below.';
  }
  if (!navigator.mediaDevices?.getUserMedia) return 'This browser gives no microphone access to this page; try a sample below.';
  return `The microphone could not start: ${describeError(err)}`;
}

async function startMicrophone(): Promise<void> {
  showMessage(null);
  let stream: MediaStream;
  try {
    if (!navigator.mediaDevices?.getUserMedia) throw new Error('no getUserMedia');
    // The models were trained on plain recordings: no echo cancelling, noise suppression or gain riding.
    stream = await navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false } });
  } catch (err) {
    showMessage(microphoneProblem(err));
    return;
  }
  const { context, analyser, display } = await audioGraph();
  stopPlaying();
  const node = context.createMediaStreamSource(stream);
  node.connect(analyser);
  microphone = { stream, node };
  display.start();
  micButton.setAttribute('aria-pressed', 'true');
  micButton.textContent = 'Stop microphone';
  status.textContent = 'Listening… say a digit, then pause.';
}

function stopMicrophone(): void {
  if (!microphone) return;
  microphone.node.disconnect();
  microphone.stream.getTracks().forEach((track) => track.stop());
  microphone = null;
  graph?.display.stop();
  send({ type: 'flush' });
  micButton.setAttribute('aria-pressed', 'false');
  micButton.textContent = 'Start microphone';
  status.textContent = 'Microphone off.';
}

function stopPlaying(): void {
  if (!playing) return;
  playing.onended = null;
  playing.stop();
  playing.disconnect();
  playing = null;
}

/** Plays a WAV file's audio through the same path as the microphone, so it is recognised the same way. */
async function playWav(name: string, bytes: Uint8Array): Promise<void> {
  showMessage(null);
  if (bytes.byteLength > MAX_WAV_BYTES) {
    showMessage(`"${name}" is ${(bytes.byteLength / 2 ** 20).toFixed(0)} MB; this page plays WAV files up to ${MAX_WAV_BYTES / 2 ** 20} MB.`);
    return;
  }
  let audio;
  try {
    audio = decodeWav(bytes);
  } catch (err) {
    showMessage(`"${name}" is not a WAV file this page can read (${describeError(err)}). Drop a .wav recording instead.`);
    return;
  }
  if (audio.samples.length === 0) {
    showMessage(`"${name}" holds no audio.`);
    return;
  }
  stopMicrophone();
  stopPlaying();
  const { context, analyser, display } = await audioGraph();
  const buffer = context.createBuffer(1, audio.samples.length, audio.sampleRate);
  buffer.getChannelData(0).set(audio.samples);
  const source = new AudioBufferSourceNode(context, { buffer });
  source.connect(analyser);
  source.connect(context.destination);
  playing = source;
  display.start();
  status.textContent = `Playing ${name} (${audio.info.duration.toFixed(1)} s)…`;
  source.onended = () => {
    playing = null;
    display.stop();
    // The block still in the worklet and the recognizer's hangover need a moment more of audio: flush them.
    setTimeout(() => send({ type: 'flush' }), 150);
    status.textContent = `Played ${name}.`;
  };
  source.start();
}

async function playUrl(url: string, name: string): Promise<void> {
  try {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    await playWav(name, new Uint8Array(await response.arrayBuffer()));
  } catch (err) {
    showMessage(`The sample ${name} could not be loaded: ${describeError(err)}`);
  }
}

function showUtterance(heard: HeardUtterance): void {
  const words = transcript.textContent ? transcript.textContent.split(' ') : [];
  words.push(heard.digits || '?');
  transcript.textContent = words.join(' ');
  const item = document.createElement('li');
  const digits = document.createElement('span');
  [...heard.digits].forEach((digit, i) => {
    const box = document.createElement('span');
    box.className = 'digit';
    box.innerHTML = `<b></b><small></small>`;
    box.querySelector('b')!.textContent = digit;
    box.querySelector('small')!.textContent = `${Math.round((heard.probabilities[i] ?? 0) * 100)}%`;
    digits.append(box);
  });
  if (!heard.digits) digits.textContent = '(no digit heard)';
  const note = document.createElement('small');
  note.className = 'status';
  note.textContent = ` ${heard.start.toFixed(2)}–${heard.end.toFixed(2)} s · result ${Math.round(heard.latencyMs)} ms after the speech ended`;
  item.append(digits, note);
  item.dataset.latencyMs = heard.latencyMs.toFixed(1);
  item.dataset.computeMs = heard.computeMs.toFixed(1);
  utterances.append(item);
}

worker.onmessage = (event: MessageEvent<FromSpeechWorker>) => {
  const message = event.data;
  if (message.type === 'ready') {
    modelReady = true;
    micButton.disabled = false;
    status.textContent = `The ${message.mode} model is ready (${message.backend} backend). Start the microphone or try a sample.`;
    markReady();
  } else if (message.type === 'utterance') {
    showUtterance(message.utterance);
  } else if (message.type === 'error') {
    showMessage(message.during === 'load' ? `The speech model could not be loaded: ${message.message}` : `Recognition failed: ${message.message}`);
    if (message.during === 'load') status.textContent = '';
  }
};
worker.onerror = (event) => showMessage(`The speech worker failed: ${event.message}`);

micButton.addEventListener('click', () => {
  if (microphone) stopMicrophone();
  else void startMicrophone();
});
modeChoice.addEventListener('change', () => {
  modelReady = false;
  micButton.disabled = true;
  status.textContent = `Loading the ${modeChoice.value} model…`;
  send({ type: 'load', backend: backendFromUrl(location.href), mode: modeChoice.value === 'sequence' ? 'sequence' : 'word' });
});

async function listSamples(): Promise<void> {
  const box = byId('samples');
  try {
    const names = (await (await fetch('/samples/index.json')).json()) as string[];
    for (const name of names) {
      const button = document.createElement('button');
      button.className = 'secondary';
      // Bundled sample names start with the digits they hold, e.g. 123_esp-en-us-nyc-f5_5.wav.
      button.textContent = `“${name.split('_')[0]}”`;
      button.title = name;
      button.addEventListener('click', () => {
        if (!modelReady) showMessage('The model is still loading; try again in a moment.');
        else void playUrl(`/samples/${name}`, name);
      });
      box.append(button);
    }
  } catch (err) {
    box.textContent = `The samples could not be listed: ${describeError(err)}`;
  }
}

async function playFile(file: File): Promise<void> {
  if (!modelReady) {
    showMessage('The model is still loading; drop the file again in a moment.');
    return;
  }
  void playWav(file.name, new Uint8Array(await file.arrayBuffer()));
}

drop.addEventListener('dragover', (event) => {
  event.preventDefault();
  drop.classList.add('over');
});
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (event) => {
  event.preventDefault();
  drop.classList.remove('over');
  const file = event.dataTransfer?.files[0];
  if (file) void playFile(file);
});
fileInput.addEventListener('change', () => {
  const file = fileInput.files?.[0];
  if (file) void playFile(file);
  fileInput.value = '';
});

micButton.disabled = true;
void listSamples();
send({ type: 'load', backend: backendFromUrl(location.href), mode: 'word' });
