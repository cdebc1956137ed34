import { CharLmError } from './errors';

/** What {@link StopSequences.push} returns. */
export interface StopResult {
  /** Text that is now safe to show: it cannot be part of a stop string. */
  text: string;
  /** True once a stop string has been seen; the text before it has been returned and generation should end. */
  stopped: boolean;
}

/**
 * Watches streamed text for stop strings, including one split across chunks (`"EN"` then `"D"` for `"END"`).
 * Text that could still be the start of a stop string is held back until the next chunk decides; text after a
 * stop string is never returned, and the stop string itself is not returned either.
 *
 * The stream stops at the first character that completes a stop string (if two complete there, the longer one
 * counts), exactly as if the text were fed one character at a time: how it is cut into chunks never changes the
 * result. With stops `["abcc", "b"]`, `"abcc"` stops after `"a"`, because `"b"` completes first.
 *
 * ```ts
 * const stops = new StopSequences(['\n\n']);
 * for (const chunk of generate()) {
 *   const { text, stopped } = stops.push(chunk);
 *   write(text);
 *   if (stopped) break;
 * }
 * write(stops.flush());
 * ```
 */
export class StopSequences {
  private held = '';
  private stopString: string | undefined;
  private readonly stops: readonly string[];

  /** Throws `CharLmError` `bad-option` when a stop string is empty. */
  constructor(stops: readonly string[]) {
    stops.forEach((s, i) => {
      if (typeof s !== 'string' || s.length === 0) {
        throw new CharLmError('BAD_OPTION', `stop string ${i} is empty; a stop string needs at least one character`);
      }
    });
    this.stops = [...stops];
  }

  /** The stop string that ended the stream, if one did. */
  get matched(): string | undefined {
    return this.stopString;
  }

  /** Adds the next chunk and returns what can be shown now; after a stop, always `{ text: '', stopped: true }`. */
  push(chunk: string): StopResult {
    if (this.stopString !== undefined) return { text: '', stopped: true };
    const buffer = this.held + chunk;
    let at = -1;
    let end = Infinity;
    for (const stop of this.stops) {
      const i = buffer.indexOf(stop);
      if (i < 0) continue;
      const stopEnd = i + stop.length;
      if (stopEnd < end || (stopEnd === end && i < at)) {
        at = i;
        end = stopEnd;
        this.stopString = stop;
      }
    }
    if (at >= 0) {
      this.held = '';
      return { text: buffer.slice(0, at), stopped: true };
    }
    const keep = this.longestPendingSuffix(buffer);
    this.held = buffer.slice(buffer.length - keep);
    return { text: buffer.slice(0, buffer.length - keep), stopped: false };
  }

  /** Ends the stream: returns the held-back text (it did not turn into a stop string) and empties the buffer. */
  flush(): string {
    const rest = this.held;
    this.held = '';
    return rest;
  }

  /** Length of the longest suffix of `buffer` that is a proper prefix of some stop string. */
  private longestPendingSuffix(buffer: string): number {
    let best = 0;
    for (const stop of this.stops) {
      for (let len = Math.min(stop.length - 1, buffer.length); len > best; len--) {
        if (buffer.endsWith(stop.slice(0, len))) {
          best = len;
          break;
        }
      }
    }
    return best;
  }
}
