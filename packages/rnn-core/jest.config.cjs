module.exports = { ...require('../../jest.preset.js'), displayName: 'rnn-core', rootDir: __dirname };
