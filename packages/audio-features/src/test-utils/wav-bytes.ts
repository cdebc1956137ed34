// Test-only: WAV files assembled byte by byte, so headers the writers refuse to make can still be tested.

/** One RIFF chunk: a four-character id and its body (a pad byte is added after odd bodies). */
export interface Chunk {
  id: string;
  body: Uint8Array;
  /** Declared size, when it should lie about the body length. */
  size?: number;
}

export function riff(chunks: Chunk[], form = 'WAVE', magic = 'RIFF'): Uint8Array {
  const parts: number[] = [];
  const ascii = (s: string) => [...s].forEach((ch) => parts.push(ch.charCodeAt(0)));
  const u32 = (v: number) => parts.push(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff);
  for (const chunk of chunks) {
    ascii(chunk.id);
    u32(chunk.size ?? chunk.body.length);
    parts.push(...chunk.body);
    if (chunk.body.length & 1) parts.push(0);
  }
  const head: number[] = [];
  [...magic].forEach((ch) => head.push(ch.charCodeAt(0)));
  const size = parts.length + 4;
  head.push(size & 0xff, (size >>> 8) & 0xff, (size >>> 16) & 0xff, (size >>> 24) & 0xff);
  [...form].forEach((ch) => head.push(ch.charCodeAt(0)));
  return Uint8Array.from([...head, ...parts]);
}

export interface FmtFields {
  tag: number;
  channels: number;
  sampleRate: number;
  bits: number;
  blockAlign?: number;
  /** For tag 0xFFFE: the sub-format's ordinary tag. */
  subTag?: number;
}

export function fmt({ tag, channels, sampleRate, bits, blockAlign, subTag }: FmtFields): Chunk {
  const align = blockAlign ?? (channels * bits) / 8;
  const size = tag === 0xfffe ? 40 : 16;
  const view = new DataView(new ArrayBuffer(size));
  view.setUint16(0, tag, true);
  view.setUint16(2, channels, true);
  view.setUint32(4, sampleRate, true);
  view.setUint32(8, sampleRate * align, true);
  view.setUint16(12, align, true);
  view.setUint16(14, bits, true);
  if (tag === 0xfffe) {
    view.setUint16(16, 22, true);
    view.setUint16(18, bits, true);
    view.setUint32(20, channels === 1 ? 4 : 3, true);
    view.setUint16(24, subTag ?? 1, true);
    [0, 0, 0, 0, 0x10, 0, 0x80, 0, 0, 0xaa, 0, 0x38, 0x9b, 0x71].forEach((b, i) => view.setUint8(26 + i, b));
  }
  return { id: 'fmt ', body: new Uint8Array(view.buffer) };
}

export function float32Data(samples: number[]): Chunk {
  return { id: 'data', body: new Uint8Array(Float32Array.from(samples).buffer) };
}

export function int16Data(samples: number[]): Chunk {
  return { id: 'data', body: new Uint8Array(Int16Array.from(samples).buffer) };
}
