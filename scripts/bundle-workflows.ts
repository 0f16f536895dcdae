/**
 * Prebuilds the workflow bundle for production workers (WORKFLOW_BUNDLE_PATH), so a worker
 * starts without running webpack and every replica runs byte-identical workflow code.
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode } from '@temporalio/worker';

const output = process.argv[2] ?? 'dist/workflow-bundle.js';
const { code } = await bundleWorkflowCode({
  workflowsPath: fileURLToPath(new URL('../workflows/index.js', import.meta.url)),
});
await writeFile(output, code);
console.log(`workflow bundle written to ${output} (${(code.length / 1024).toFixed(0)} KiB)`);
