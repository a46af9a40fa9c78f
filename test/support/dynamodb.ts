/**
 * DynamoDB stand-ins for integration tests: dynalite always, and AWS's DynamoDB Local when Java
 * and the jar (scripts/fetch-dynamodb-local.sh) are present (one for the run: dynamodb-local.ts), so storage code is checked against
 * both and cannot lean on what only one of them offers.
 */
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import dynalite from 'dynalite';
import { inject } from 'vitest';
import { createDocumentClient } from '../../lambdas/adapters/dynamodb/client.ts';
import { createTableInput } from '../../lambdas/adapters/dynamodb/schema.ts';
import { missingUnderCi, runsHere } from './ci.ts';
import { answering, DYNAMODB_LOCAL, dynamoDbLocalAvailable } from './dynamodb-local.ts';

export interface DynamoTarget {
  name: 'dynalite' | 'dynamodb-local';
  endpoint: string;
  stop(): Promise<void>;
}

export async function startDynalite(): Promise<DynamoTarget> {
  const server: Server = dynalite({ createTableMs: 0 });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    name: 'dynalite',
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => new Promise((r) => server.close(() => r())),
  };
}

/**
 * The run's DynamoDB Local (dynamodb-local.ts starts it for the integration project); stopping
 * it is the run's, so the target's stop does nothing.
 */
export async function dynamoDbLocal(): Promise<DynamoTarget> {
  const endpoint = inject('dynamoDbLocalEndpoint');
  if (!endpoint) throw missingUnderCi(DYNAMODB_LOCAL);
  await answering(endpoint, 60_000);
  return { name: 'dynamodb-local', endpoint, stop: async () => {} };
}

/**
 * The targets a storage suite is parameterised over: dynalite, and DynamoDB Local where it runs.
 * Looked for when a suite asks, so that suites using dynalite alone neither probe for Java nor
 * report its absence.
 */
export function dynamoTargets(): { name: DynamoTarget['name']; start: () => Promise<DynamoTarget> }[] {
  const available = dynamoDbLocalAvailable();
  return [
    { name: 'dynalite', start: startDynalite },
    ...(runsHere(available, DYNAMODB_LOCAL)
      ? [{ name: 'dynamodb-local' as const, start: dynamoDbLocal }]
      : []),
  ];
}

export async function createTestTable(
  endpoint: string,
): Promise<{ doc: DynamoDBDocumentClient; tableName: string }> {
  const doc = createDocumentClient({ endpoints: { dynamodb: endpoint } });
  // Unique across the suites sharing the run's DynamoDB Local, whichever process each runs in.
  const tableName = `test-${randomUUID()}`;
  await doc.send(new CreateTableCommand(createTableInput(tableName)));
  return { doc, tableName };
}
