/** One structured logger per function; local runs keep it quiet so the summary stays readable. */
import { Logger } from '@aws-lambda-powertools/logger';
import type { LogLevel } from '@aws-lambda-powertools/logger/types';

const level = (process.env.NEWSWATCH_LOG_LEVEL ?? 'INFO') as LogLevel;

export const logger = new Logger({ serviceName: 'newswatch', logLevel: level });
