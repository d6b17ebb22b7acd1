// Appends each jest run's totals to $VIGIL_TEST_TALLY so that .ci/run can print one closing
// line ("N passed, N failed") across every project's suites.
const { appendFileSync } = require('node:fs');

class TallyReporter {
  /**
   * @param {unknown} _contexts
   * @param {import('@jest/test-result').AggregatedResult} results
   */
  onRunComplete(_contexts, results) {
    const file = process.env.VIGIL_TEST_TALLY;
    if (!file) return;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    appendFileSync(
      file,
      `${results.numPassedTests} ${failed} ${results.numPendingTests + results.numTodoTests}\n`,
    );
  }
}

module.exports = TallyReporter;
