import { expect } from 'vitest';
import { WorkflowError } from '../../src/engines/workflow/index.js';

/** The WorkflowError an action throws (fails the test when it throws something else, or nothing). */
export function refusal(fn: () => unknown): WorkflowError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(WorkflowError);
    return e as WorkflowError;
  }
  throw new Error('expected a WorkflowError, nothing was thrown');
}
