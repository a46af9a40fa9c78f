/** The store on the function's table. */
import { createDocumentClient } from '../adapters/dynamodb/client.ts';
import { createDynamoStore } from '../adapters/dynamodb/store/index.ts';
import type { Store } from '../core/ports.ts';
import type { TableEnv } from './env.ts';

export const lambdaStore = (env: TableEnv): Store =>
  createDynamoStore(createDocumentClient({ region: env.AWS_REGION }), env.NEWSWATCH_TABLE);
