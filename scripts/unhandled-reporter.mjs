// A vitest reporter that writes the run's unhandled errors (a rejection or exception outside any
// test) to the file named by PORTALFLOW_UNHANDLED_FILE. Vitest fails such a run while every test
// passes; scripts/test.mjs counts each one as a failure, so the closing line agrees with the exit code.
import { writeFileSync } from 'node:fs';

export default class UnhandledReporter {
  onTestRunEnd(_modules, unhandledErrors) {
    const file = process.env.PORTALFLOW_UNHANDLED_FILE;
    if (!file) return;
    const errors = unhandledErrors.map((e) => ({
      name: e.name ?? 'Error',
      message: String(e.message ?? e),
      stack: String(e.stack ?? '')
        .split('\n')
        .slice(0, 8)
        .join('\n'),
    }));
    writeFileSync(file, JSON.stringify(errors, null, 2));
  }
}
