/**
 * A problem found in a user's input, reported as data so that every problem can be shown
 * at once. `path` points into the document (`features[12].properties.class`).
 */
export interface Problem {
  code: string;
  path: string;
  message: string;
  /** `error` stops the input being used; `warning` is reported and the input still works. */
  severity: 'error' | 'warning';
}

export function formatProblems(problems: readonly Problem[]): string {
  return problems.map((p) => `  ${p.path}: ${p.message}`).join('\n');
}
