#!/usr/bin/env node
// Runs the TypeScript CLI directly (no build step): tsx registers the loader for this process only.
import { register } from 'tsx/esm/api';

// The SDK warns on every start that releases after January 2027 need Node 22; the CLI says it once in the README.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
register();
const { main } = await import('../lambdas/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
