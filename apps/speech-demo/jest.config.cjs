module.exports = { ...require('../../jest.preset.js'), displayName: 'speech-demo', rootDir: __dirname };
