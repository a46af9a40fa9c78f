/** One structured logger per function; local runs keep it quiet so the summary stays readable. */
import { Logger } from '@aws-lambda-powertools/logger';

export const logger = new Logger({
  serviceName: 'newswatch',
  logLevel: process.env.NEWSWATCH_LOG_LEVEL ?? 'INFO',
});
