/** The story stage on the function's table and bucket, with the alert queue it feeds. */
import { createS3Client } from '../adapters/s3/client.ts';
import { createS3Journal } from '../adapters/s3/journal.ts';
import { followUpsOf } from '../core/config/follow-ups.ts';
import type { Config } from '../core/config/schema.ts';
import type { WorkQueue } from '../core/ports.ts';
import { createStoryStage, type StoryStage } from '../core/stage/stage.ts';
import { compileTopics } from '../core/topics/matcher.ts';
import type { LambdaEnv } from './env.ts';
import { systemClock } from './from-env.ts';
import { lambdaQueue } from './lambda-queue.ts';
import { lambdaStore } from './lambda-store.ts';

export function lambdaStage(env: LambdaEnv, config: Config): { stage: StoryStage; queue: WorkQueue } {
  const journal = createS3Journal(createS3Client({ region: env.AWS_REGION }), env.NEWSWATCH_BUCKET);
  const stage = createStoryStage({
    store: lambdaStore(env),
    journal,
    topics: compileTopics({ aliases: config.aliases, topics: config.topics }),
    clock: systemClock,
    followUps: followUpsOf(config),
  });
  return { stage, queue: lambdaQueue(env) };
}
