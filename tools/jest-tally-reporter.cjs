// Appends each jest run's totals to $VIGIL_TEST_TALLY so that .ci/run can print one closing
// line ("N passed, N failed") across every project's suites, and the names of failed tests
// with the start of their message to $VIGIL_TEST_TALLY.failures, and those that passed only when
// retried to $VIGIL_TEST_TALLY.retried: CI keeps only the end of a run's output, and a failure
// scrolled out of it cannot be diagnosed.
const { appendFileSync } = require('node:fs');
const { relative } = require('node:path');
const { stripVTControlCharacters } = require('node:util');

const MESSAGE_LINES = 12;

/** @param {string} message */
const headOf = (message) =>
  stripVTControlCharacters(message)
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.includes('node_modules'))
    .slice(0, MESSAGE_LINES)
    .map((line) => `    ${line}`)
    .join('\n');

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
    const failures = [];
    const retried = [];
    for (const suite of results.testResults) {
      const path = relative(process.cwd(), suite.testFilePath);
      if (suite.testExecError) failures.push(`${path}\n${headOf(suite.testExecError.message)}`);
      for (const test of suite.testResults) {
        if (test.status === 'failed') {
          failures.push(`${path} › ${test.fullName}\n${headOf(test.failureMessages.join('\n'))}`);
        } else if ((test.invocations ?? 1) > 1) {
          const reasons = (test.retryReasons ?? []).join('\n');
          retried.push(`${path} › ${test.fullName} (try ${test.invocations})\n${headOf(reasons)}`);
        }
      }
    }
    if (failures.length > 0) appendFileSync(`${file}.failures`, `${failures.join('\n')}\n`);
    if (retried.length > 0) appendFileSync(`${file}.retried`, `${retried.join('\n')}\n`);
  }
}

module.exports = TallyReporter;
