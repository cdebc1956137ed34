module.exports = { ...require('../../jest.preset.js'), displayName: 'forecast', rootDir: __dirname };
