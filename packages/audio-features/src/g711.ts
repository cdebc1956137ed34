/** ITU-T G.711 µ-law byte to a linear sample in [-1, 1] (16-bit scale, so ±32124/32768 at most). */
export function muLawToLinear(byte: number): number {
  const u = ~byte & 0xff;
  const exponent = (u >> 4) & 7;
  const magnitude = (((u & 0x0f) << 3) + 0x84) << exponent;
  return (u & 0x80 ? 0x84 - magnitude : magnitude - 0x84) / 32768;
}

/** ITU-T G.711 A-law byte to a linear sample in [-1, 1] (16-bit scale, so ±32256/32768 at most). */
export function aLawToLinear(byte: number): number {
  const a = byte ^ 0x55;
  const exponent = (a >> 4) & 7;
  const mantissa = a & 0x0f;
  const magnitude = exponent === 0 ? (mantissa << 4) + 8 : ((mantissa << 4) + 0x108) << (exponent - 1);
  return (a & 0x80 ? magnitude : -magnitude) / 32768;
}
