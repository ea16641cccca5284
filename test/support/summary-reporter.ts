import type { Reporter, File, Task } from 'vitest';

/**
 * Prints one plain closing line, `tests: N passed, N failed, N skipped`, which CI reads, after a
 * line `failed: file > test: first line of the error` for each failure: CI keeps only the end of
 * its log, and .ci/run repeats these lines at its end for both databases.
 */
export default class SummaryReporter implements Reporter {
  onFinished(files: File[] = [], errors: unknown[] = []) {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    const failures: string[] = [];
    const firstLine = (e: unknown) => String((e as { message?: string })?.message ?? e).split('\n')[0].slice(0, 300);
    const walk = (task: Task, file: string, names: string[]) => {
      if (task.type === 'suite') {
        task.tasks.forEach((t) => walk(t, file, task.name && task.file !== task ? [...names, task.name] : names));
        return;
      }
      const state = task.result?.state;
      if (state === 'pass') counts.passed++;
      else if (state === 'fail') {
        counts.failed++;
        failures.push(`failed: ${file} > ${[...names, task.name].join(' > ')}: ${firstLine(task.result?.errors?.[0])}`);
      } else counts.skipped++;
    };
    for (const file of files) {
      const before = counts.failed;
      walk(file, file.name, []);
      // A file whose hooks failed (e.g. cleanup) fails even when each of its tests passed.
      if (file.result?.state === 'fail' && counts.failed === before) {
        counts.failed++;
        failures.push(`failed: ${file.name}: ${firstLine(file.result?.errors?.[0])}`);
      }
    }
    counts.failed += errors.length;
    for (const e of errors) failures.push(`failed: (outside a test): ${firstLine(e)}`);
    process.stdout.write(`\n${failures.map((f) => `${f}\n`).join('')}tests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`);
  }
}
