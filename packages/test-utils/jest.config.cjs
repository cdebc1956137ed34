module.exports = { ...require('../../jest.preset.js'), displayName: 'test-utils', rootDir: __dirname };
