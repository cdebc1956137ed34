module.exports = { ...require('../../jest.preset.js'), displayName: 'char-lm', rootDir: __dirname };
