module.exports = { ...require('../../jest.preset.js'), displayName: 'text-gen', rootDir: __dirname };
