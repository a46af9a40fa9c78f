/**
 * The journal's entries are written only under a key not taken yet: a stage instance holding an
 * older window must not write over another's batch or snapshot. S3 enforces `If-None-Match: *`;
 * the S3 stand-in does not (../shared/LOCAL-AWS.md), so S3's refusal is recorded here as S3 answers
 * it, and the stage's reaction to it is tested with the in-memory journal (test/unit/stage).
 */
import { PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createS3Journal } from '../../../lambdas/adapters/s3/journal.ts';
import { type StageBatch, StageFencedError, StageJournalError } from '../../../lambdas/core/stage/journal.ts';

const s3 = mockClient(S3Client);
const journal = createS3Journal(new S3Client({ region: 'eu-west-1' }), 'archive');
const batch = { seq: 7 } as unknown as StageBatch;

const refusal = (status: number, name: string) =>
  new S3ServiceException({ name, $fault: 'client', $metadata: { httpStatusCode: status }, message: name });

describe('the S3 stage journal', () => {
  beforeEach(() => s3.reset());

  it('fences the writer when S3 says the key is taken, or another conditional write to it is in flight', async () => {
    for (const [status, name] of [
      [412, 'PreconditionFailed'],
      [409, 'ConditionalRequestConflict'],
    ] as const) {
      s3.on(PutObjectCommand).rejects(refusal(status, name));
      const refused = journal.writeBatch(batch);
      await expect(refused).rejects.toBeInstanceOf(StageFencedError);
      await expect(refused).rejects.toMatchObject({ cause: { name } });
      await expect(journal.writePart('2026-11-10/000000000007-abc', [])).rejects.toBeInstanceOf(
        StageFencedError,
      );
      await expect(
        journal.writeManifest({ gen: 3, seq: 7, writtenAt: '2026-11-10T00:00:00.000Z', parts: [] }),
      ).rejects.toBeInstanceOf(StageFencedError);
    }
  });

  it('reports any other failure as a journal error, not a lost race', async () => {
    s3.on(PutObjectCommand).rejects(refusal(503, 'SlowDown'));
    const failed = journal.writeBatch(batch);
    await expect(failed).rejects.toBeInstanceOf(StageJournalError);
    await expect(failed).rejects.not.toBeInstanceOf(StageFencedError);
  });
});
