import { settingsDiff } from './settings-diff';

describe('settingsDiff', () => {
  it('lists every differing setting that was asked for, and only those', () => {
    const saved = { units: 64, cell: 'gru', band: [200, 3300], seed: 1 };
    expect(settingsDiff(saved, { units: 128, cell: 'gru', band: [0, 4000], seed: undefined })).toEqual([
      'units: checkpoint 64, asked 128',
      'band: checkpoint [200,3300], asked [0,4000]',
    ]);
  });

  it('finds nothing when the asked settings match, and reports settings the checkpoint lacks', () => {
    expect(settingsDiff({ units: 64, band: [0, 4000] }, { units: 64, band: [0, 4000] })).toEqual([]);
    expect(settingsDiff({}, { layers: 2 })).toEqual(['layers: checkpoint unset, asked 2']);
  });
});
