/**
 * The journal's batch objects are written only under a number not taken yet: with no concurrency
 * reserved, a stage instance holding an older window must not write over another's batch. S3
 * enforces `If-None-Match: *`; the S3 stand-in does not (../shared/LOCAL-AWS.md), so the request
 * is checked here and S3's refusal recorded as S3 answers it.
 */
import { PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createS3Journal } from '../../../lambdas/adapters/s3/journal.ts';
import { type StageBatch, StageJournalError } from '../../../lambdas/core/stage/journal.ts';

const s3 = mockClient(S3Client);
const journal = createS3Journal(new S3Client({ region: 'eu-west-1' }), 'archive');
const batch = { seq: 7 } as unknown as StageBatch;

describe('the S3 stage journal', () => {
  beforeEach(() => s3.reset());

  it('writes a batch only if its number is free, and the snapshot over the last', async () => {
    s3.on(PutObjectCommand).resolves({});
    await journal.writeBatch(batch);
    await journal.writeSnapshot({ seq: 7 } as never);
    const puts = s3.commandCalls(PutObjectCommand).map((c) => c.args[0].input);
    expect(puts.map((p) => [p.Key, p.IfNoneMatch])).toEqual([
      ['stage/batches/000000000007.json.gz', '*'],
      ['stage/snapshot.json.gz', undefined],
    ]);
  });

  it('fails the batch when S3 says the number is taken', async () => {
    s3.on(PutObjectCommand).rejects(
      new S3ServiceException({
        name: 'PreconditionFailed',
        $fault: 'client',
        $metadata: { httpStatusCode: 412 },
        message: 'At least one of the pre-conditions you specified did not hold',
      }),
    );
    const refused = journal.writeBatch(batch);
    await expect(refused).rejects.toBeInstanceOf(StageJournalError);
    await expect(refused).rejects.toMatchObject({ cause: { name: 'PreconditionFailed' } });
  });
});
