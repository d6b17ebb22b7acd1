// A browser suite drives a real Chromium against a real server, and a rare stall of either on a
// busy CI machine once failed a whole submission with the test's name scrolled out of the log.
// One more try keeps such a stall from sinking the run; the first failure is still printed here,
// and CI lists every test that passed only on its second try (tools/jest-tally-reporter.cjs), so a
// flaky test stays in view instead of hidden. A test that fails twice fails the run.
jest.retryTimes(1, { logErrorsBeforeRetry: true });
