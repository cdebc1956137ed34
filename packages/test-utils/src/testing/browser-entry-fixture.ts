// Fixture of the browser-bundle check: an entry that reaches node:fs one file away, and a disabled built-in.
import * as tf from '@tensorflow/tfjs-backend-wasm';
import { readText } from './reads-files';

export const fixture = [readText, tf];
