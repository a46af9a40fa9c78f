/**
 * `newswatch items --parked`: items the story stage set aside, and why.
 * `newswatch items redrive`: queues them for the stage again; on AWS, `--dead-letters URL` also
 * moves the item dead-letter queue's messages back to the item queue.
 */
import { resolve } from 'node:path';
import type { ParkedItem } from '../../core/model.ts';
import type { WorkQueue } from '../../core/ports.ts';
import { redriveParked } from '../../core/stage/redrive.ts';
import { parseFlags } from '../args.ts';
import { DEFAULT_CONFIG } from '../common-flags.ts';
import { type Command, UsageError } from '../io.ts';
import { STORE_FLAGS, withStore } from '../store-access.ts';

const USAGE =
  'newswatch items --parked [--json] [--config C | --table T --region R]\n' +
  '       newswatch items redrive [--config C | --table T --region R --queue URL [--dead-letters URL]]';

const FLAGS = {
  ...STORE_FLAGS,
  parked: { type: 'boolean' },
  json: { type: 'boolean' },
  queue: { type: 'string' },
  'dead-letters': { type: 'string' },
} as const;

function line(p: ParkedItem): string {
  return `${p.item.id}\t${p.item.feedId}\tparked ${p.parkedAt}\t${p.error}\t${p.item.title}\t${p.item.url ?? ''}\n`;
}

export const itemsCommand: Command = async (argv, io) => {
  const { values, positionals } = parseFlags(argv, FLAGS, USAGE);
  const [sub, ...stray] = positionals;
  if (stray.length > 0 || (sub !== undefined && sub !== 'redrive'))
    throw new UsageError(`unexpected argument "${stray[0] ?? sub}"\nusage: ${USAGE}`);
  if (sub === 'redrive') return redrive(values, io);
  if (!values.parked) throw new UsageError(`say what to list: --parked\nusage: ${USAGE}`);
  const parked = await withStore(values, io.cwd, (store) => store.listParked());
  if (values.json) for (const p of parked) io.stdout(`${JSON.stringify(p)}\n`);
  else if (parked.length === 0) io.stdout('no parked items\n');
  else for (const p of parked) io.stdout(line(p));
  return 0;
};

async function redrive(
  values: { config?: string; table?: string; region?: string; queue?: string; 'dead-letters'?: string },
  io: Parameters<Command>[1],
): Promise<number> {
  if (values.table && !values.queue)
    throw new UsageError(`--queue (the stack's ItemQueueUrl output) is needed with --table\nusage: ${USAGE}`);
  if (!values.table && values['dead-letters'])
    throw new UsageError(
      `--dead-letters is for a deployed stack (with --table and --queue)\nusage: ${USAGE}`,
    );
  const queue = await queueFor(values, io.cwd);
  const sent = await withStore(values, io.cwd, (store) => redriveParked(store, queue));
  io.stdout(`${sent.length} parked item(s) queued for the story stage again\n`);
  if (values['dead-letters'] && values.queue) {
    const { createSqsClient } = await import('../../adapters/sqs/client.ts');
    const { moveDeadLetters } = await import('../../adapters/sqs/dead-letters.ts');
    const task = await moveDeadLetters(
      createSqsClient({ region: values.region }),
      values['dead-letters'],
      values.queue,
    );
    io.stdout(`dead letters moving back to the item queue (task ${task})\n`);
  }
  if (!values.table) io.stdout('the next `newswatch run` takes them\n');
  return 0;
}

async function queueFor(
  values: { config?: string; table?: string; region?: string; queue?: string },
  cwd: string,
): Promise<Pick<WorkQueue, 'sendItems'>> {
  if (values.table && values.queue) {
    const { createSqsClient } = await import('../../adapters/sqs/client.ts');
    const { createSqsQueue } = await import('../../adapters/sqs/queue.ts');
    const url = values.queue;
    return createSqsQueue(createSqsClient({ region: values.region }), {
      feeds: url,
      items: url,
      alerts: url,
    });
  }
  const { createLocalQueue } = await import('../../local/local-queue.ts');
  // The schema and query compiler the whole configuration loads are for redrive only, not --parked.
  const { loadLocalConfig } = await import('../../local/local-config.ts');
  const config = loadLocalConfig(resolve(cwd, values.config ?? DEFAULT_CONFIG));
  return createLocalQueue(resolve(cwd, config.local.dataDir));
}
