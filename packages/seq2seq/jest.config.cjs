module.exports = { ...require('../../jest.preset.js'), displayName: 'seq2seq', rootDir: __dirname };
