// Records each project's pass/fail counts so that tools/run-tests.mjs can print one total for the workspace.
const fs = require('node:fs');
const path = require('node:path');

class CountReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    const dir = process.env.RNNKIT_TEST_RESULTS;
    if (!dir) return;
    fs.mkdirSync(dir, { recursive: true });
    const name = path.basename(this.rootDir);
    const failedSuites = results.numRuntimeErrorTestSuites;
    fs.writeFileSync(
      path.join(dir, `${name}.json`),
      JSON.stringify({
        project: name,
        passed: results.numPassedTests,
        // A suite that cannot even load counts as a failure, or a broken file would go unnoticed.
        failed: results.numFailedTests + failedSuites,
        skipped: results.numPendingTests,
      }),
    );
  }
}

module.exports = CountReporter;
