#!/usr/bin/env node
// Runs the CLI from its bundle (bundle.mjs), built when the sources changed: no transpiler at start.
import { cliEntry } from './bundle.mjs';

// The SDK warns on every start that releases after January 2027 need Node 22; the CLI says it once in the README.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
let entry;
try {
  entry = await cliEntry();
} catch (err) {
  process.stderr.write(`newswatch: cannot build the CLI from lambdas/: ${err.message}\n`);
  process.exit(1);
}
const { main } = await import(entry);
process.exitCode = await main(process.argv.slice(2));
