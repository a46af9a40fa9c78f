/** `newswatch serve [--config FILE] [--port N]`: the reading page over what `newswatch run` stored. */

import { join, resolve } from 'node:path';
import { startWebServer } from '../../local/web-server.ts';
import { parseFlags } from '../args.ts';
import { type Command, UsageError } from '../io.ts';
import { stopSignal } from '../signals.ts';
import { topicNames, withLocalStore } from '../store-access.ts';
import { DEFAULT_CONFIG } from './run.ts';

const USAGE = 'newswatch serve [--config FILE] [--port N]';

function portOf(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new UsageError(`--port must be 0-65535\nusage: ${USAGE}`);
  return n;
}

export const serveCommand: Command = async (argv, io) => {
  const { values } = parseFlags(
    argv,
    { config: { type: 'string', short: 'c' }, port: { type: 'string' } },
    USAGE,
  );
  const requested = portOf(values.port);
  const { onPort, loadLocalConfig } = await import('../../local/run.ts');
  const config = loadLocalConfig(resolve(io.cwd, values.config ?? DEFAULT_CONFIG));
  const port = requested ?? config.local.webPort;
  const field = requested === undefined ? 'local.webPort' : '--port';
  const mailDir = join(resolve(io.cwd, config.local.dataDir), 'mail');
  const stop = stopSignal();
  try {
    return await withLocalStore(
      config,
      io.cwd,
      async (store, archive) => {
        const web = await onPort(port, field, () =>
          startWebServer({
            port,
            store,
            archive,
            aliases: config.aliases,
            topics: topicNames(config),
            topicInfo: config.topics,
            mailDir,
          }),
        );
        io.stdout(`Stories: ${web.url}\nServing what is stored in ${config.local.dataDir}; Ctrl-C stops.\n`);
        await stop.stopped;
        await web.stop();
        return 0;
      },
      { share: true },
    );
  } finally {
    stop.dispose();
  }
};
