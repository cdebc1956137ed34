import { formatClipName, parseClipName } from './clip-name';

describe('parseClipName', () => {
  it('reads FSDD names, with or without a folder', () => {
    expect(parseClipName('3_jackson_12.wav')).toEqual({ label: '3', speaker: 'jackson', index: 12 });
    expect(parseClipName('/data/recordings/0_george_0.WAV')).toEqual({ label: '0', speaker: 'george', index: 0 });
  });

  it('reads digit strings and dashed speaker tags', () => {
    expect(parseClipName('314_esp-en-us-m3_7.wav')).toEqual({ label: '314', speaker: 'esp-en-us-m3', index: 7 });
  });

  it('rejects names that do not follow {label}_{speaker}_{index}.wav', () => {
    for (const name of ['jackson_3_1.wav', '3_jackson.wav', '3_jackson_x.wav', '3__1.wav', '3_jack_son_1.wav', '3_jackson_1.mp3', 'a3_jackson_1.wav']) {
      expect(parseClipName(name)).toBeNull();
    }
  });
});

describe('formatClipName', () => {
  it('round-trips through parseClipName', () => {
    const clip = { label: '2718', speaker: 'esp-en-gb-f2', index: 31 };
    expect(parseClipName(formatClipName(clip))).toEqual(clip);
  });

  it('refuses what would not parse back', () => {
    expect(() => formatClipName({ label: '12', speaker: 'a_b', index: 0 })).toThrow(/cannot name/);
    expect(() => formatClipName({ label: 'x', speaker: 'a', index: 0 })).toThrow(/cannot name/);
  });
});
