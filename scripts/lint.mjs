#!/usr/bin/env node
// `npm run lint`: ESLint, Prettier's check and the module boundaries (dependency-cruiser), all three even when one
// fails; exits non-zero if any did. `npm test` runs the same three checks (LINT in lib.mjs), one test each.
// `npm run format` rewrites the files Prettier would change.
import { ensureInstalled, LINT, log, run } from './lib.mjs';

const checks = [
  ['ESLint (eslint.config.mjs)', LINT.eslint],
  ['Formatting (prettier --check; `npm run format` fixes it)', LINT.prettier],
  ['Module boundaries (dependency-cruiser, .dependency-cruiser.cjs)', LINT.boundaries],
];

await ensureInstalled();
const failed = [];
for (const [label, [command, args]] of checks) {
  log(label);
  const code = await run(command, args);
  if (code === 0) console.log('  ✔ clean');
  else failed.push(label);
}
if (failed.length) {
  console.error(`\n✖ Lint failed: ${failed.join('; ')}`);
  process.exit(1);
}
console.log('\n✔ Lint passed');
