/**
 * How each handler is bundled, shared by the stack (NodejsFunction) and `npm run bench -- cold`
 * (plain esbuild), so the bench measures what is deployed.
 */
export const HANDLER_NAMES = ['scheduler', 'fetcher', 'stage', 'alerter', 'query'] as const;
export type HandlerName = (typeof HANDLER_NAMES)[number];

/** Matches the Lambda runtime in lib/newswatch-stack.ts. */
export const BUNDLE_TARGET = 'node24';

export const BUNDLE_MAIN_FIELDS = ['module', 'main'];

// Some dependencies are CommonJS; an ESM bundle needs `require` provided for them.
export const BUNDLE_BANNER =
  "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

/** The Node.js runtimes ship the AWS SDK v3; NodejsFunction leaves it out of bundles by default. */
export const RUNTIME_PROVIDED = ['@aws-sdk/*'];

/** The validated configuration as JSON, inlined at build time (lambdas/runtime/settings.ts reads it). */
export const configDefine = (configText: string) => ({
  'process.env.NEWSWATCH_CONFIG': JSON.stringify(configText),
});

/** Each function's minified bundle must stay under this: it is read and compiled on every cold start. */
export const BUNDLE_BUDGET_BYTES = 500 * 1024;
