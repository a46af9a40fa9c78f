/**
 * Dead-lettered messages back to their queue, by SQS's own redrive (a message move task), which
 * keeps each message's body and attributes and works for FIFO queues.
 */
import { GetQueueAttributesCommand, type SQSClient, StartMessageMoveTaskCommand } from '@aws-sdk/client-sqs';

async function arnOf(sqs: SQSClient, QueueUrl: string): Promise<string> {
  const out = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
  const arn = out.Attributes?.QueueArn;
  if (!arn) throw new Error(`${QueueUrl} has no ARN: is it a queue of this account and region?`);
  return arn;
}

/** Starts moving every message of `deadLetterUrl` back to `queueUrl`; resolves to the task's handle. */
export async function moveDeadLetters(
  sqs: SQSClient,
  deadLetterUrl: string,
  queueUrl: string,
): Promise<string> {
  const [SourceArn, DestinationArn] = await Promise.all([arnOf(sqs, deadLetterUrl), arnOf(sqs, queueUrl)]);
  const out = await sqs.send(new StartMessageMoveTaskCommand({ SourceArn, DestinationArn }));
  return out.TaskHandle ?? '';
}
