#!/usr/bin/env node
// Runs the TypeScript CLI directly (no build step): tsx registers the loader for this process only.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../lambdas/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
