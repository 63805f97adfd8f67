/** An import's report: the rows it did not write and why, beside the imported file. */
import { csvLine } from './csv';
import type { ImportOutcome, ImportPlan } from './importer';
import { createFree } from './ownFile';

/** The rows not written and why, in a file of its own beside the import: one already there is never replaced. */
export async function writeImportReport(file: string, plan: ImportPlan, outcome: ImportOutcome): Promise<string | undefined> {
  const problems = [
    ...plan.invalid.map((r) => ({ ...r, reason: `invalid: ${r.reason}` })),
    ...plan.duplicates.map((r) => ({ line: r.line, email: r.email, reason: `repeats line ${r.firstLine}` })),
    ...outcome.failed,
  ].sort((a, b) => a.line - b.line);
  if (!problems.length) return undefined;
  const made = await createFree(file.replace(/(\.\w+)?$/, '.report.csv'));
  await made.handle.writeFile(csvLine(['line', 'email', 'reason']) + problems.map((p) => csvLine([p.line, p.email, p.reason])).join(''));
  await made.handle.close();
  return made.path;
}
