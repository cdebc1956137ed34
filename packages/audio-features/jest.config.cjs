module.exports = { ...require('../../jest.preset.js'), displayName: 'audio-features', rootDir: __dirname };
