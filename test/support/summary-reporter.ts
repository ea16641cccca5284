import type { Reporter, File, Task } from 'vitest';

/** Prints one plain closing line, `tests: N passed, N failed, N skipped`, which CI reads. */
export default class SummaryReporter implements Reporter {
  onFinished(files: File[] = [], errors: unknown[] = []) {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    const walk = (task: Task) => {
      if (task.type === 'suite') {
        task.tasks.forEach(walk);
        return;
      }
      const state = task.result?.state;
      if (state === 'pass') counts.passed++;
      else if (state === 'fail') counts.failed++;
      else counts.skipped++;
    };
    for (const file of files) {
      const before = counts.failed;
      walk(file);
      // A file whose hooks failed (e.g. cleanup) fails even when each of its tests passed.
      if (file.result?.state === 'fail' && counts.failed === before) counts.failed++;
    }
    counts.failed += errors.length;
    process.stdout.write(`\ntests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`);
  }
}
