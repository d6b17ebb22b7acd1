// libs/testing, as the build leaves it in dist/testing (`npm run bench` builds first): the bench
// starts servers and Chromium, and assesses its patients, the way the e2e suites do.
export {
  freePort,
  startServerProcess,
} from '../../dist/testing/libs/testing/src/server-process.js';
export {
  CHROMIUM_ARGS as TESTING_CHROMIUM_ARGS,
  CHROMIUM_PATH,
  launchChromium as launchTestingChromium,
} from '../../dist/testing/libs/testing/src/browser.js';
export {
  baselineReading,
  CLEAN_ASSESSMENT,
} from '../../dist/testing/libs/testing/src/clinical-fixtures.js';
