// What a keel app's own Jest config needs: one line. (rootDir: this folder, so `npx jest --config
// samples/testing/jest.config.js` runs only these tests; an app's config at its root needs no rootDir.)
module.exports = { preset: 'keel', rootDir: __dirname };
