// The messages between the text page and its worker.

/** Sampling settings sent with a generate request (the page checks them first; char-lm checks them again). */
export interface GenerateRequest {
  type: 'generate';
  model: 'shipped' | 'trained';
  length: number;
  prime: string;
  temperature: number;
  topK?: number;
  topP?: number;
  seed: number;
  stop: string[];
}

/** Page → worker. */
export type ToTextWorker =
  | { type: 'load'; backend: string }
  | GenerateRequest
  | { type: 'stop' }
  | { type: 'train'; text: string; steps: number; hidden: number; threads: number }
  | { type: 'stop-training' };

/** Worker → page. */
export type FromTextWorker =
  | { type: 'ready'; backend: string; vocabularySize: number; threads: number }
  | { type: 'training-on'; threads: number; notice: string | null }
  | { type: 'text'; text: string; chars: number; ms: number }
  | { type: 'generated'; chars: number; ms: number }
  | { type: 'loss'; step: number; loss: number; stepMs: number }
  | { type: 'sample'; step: number; text: string }
  | { type: 'trained'; steps: number }
  | { type: 'error'; during: 'load' | 'generate' | 'train'; message: string };
