/** `newswatch serve [--config FILE] [--port N]`: the reading page over what `newswatch run` stored. */

import { join, resolve } from 'node:path';
import { usesSamples } from '../../local/local-config.ts';
import { type SampleServer, startSampleServer } from '../../local/sample-feeds.ts';
import { startWebServer } from '../../local/web-server.ts';
import { parseCommandLine } from '../args.ts';
import { CONFIG_FLAG, DEFAULT_CONFIG } from '../common-flags.ts';
import { type CliIO, type Command, UsageError } from '../io.ts';
import { stopSignal } from '../signals.ts';
import { topicNames, withLocalStore } from '../store-access.ts';

const SERVE_LINE = {
  usage: 'newswatch serve [--config FILE] [--port N]',
  summary: 'The reading page over what `newswatch run` stored, and the sample outlets its links point at.',
  flags: {
    ...CONFIG_FLAG,
    port: { type: 'string', value: 'N', help: "the page's port (default local.webPort)" },
  },
} as const;

function portOf(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new UsageError(`--port must be 0-65535 (usage: ${SERVE_LINE.usage})`);
  return n;
}

/**
 * The demo's stories link to the sample outlets' articles, which must answer while the page is
 * read, not only during `run`. A port already taken is most likely a `newswatch run` serving
 * them itself: said, and the page served all the same.
 */
async function sampleOutlets(port: number, io: CliIO): Promise<SampleServer | undefined> {
  try {
    return await startSampleServer(port);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    io.stderr(`newswatch serve: sample outlets not served: port ${port} (local.samplePort) is in use\n`);
    return undefined;
  }
}

export const serveCommand: Command = async (argv, io) => {
  const { values } = parseCommandLine(argv, SERVE_LINE);
  const requested = portOf(values.port);
  const { onPort, loadLocalConfig } = await import('../../local/run.ts');
  const configPath = resolve(io.cwd, values.config ?? DEFAULT_CONFIG);
  const config = loadLocalConfig(configPath);
  const port = requested ?? config.local.webPort;
  const field = requested === undefined ? 'local.webPort' : '--port';
  const mailDir = join(resolve(io.cwd, config.local.dataDir), 'mail');
  const stop = stopSignal();
  try {
    return await withLocalStore(
      config.local.dataDir,
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
        const samples = usesSamples(configPath)
          ? await sampleOutlets(config.local.samplePort, io)
          : undefined;
        io.stdout(`Stories: ${web.url}\nServing what is stored in ${config.local.dataDir}; Ctrl-C stops.\n`);
        await stop.stopped;
        await Promise.all([web.stop(), samples?.stop()]);
        return 0;
      },
      { share: true },
    );
  } finally {
    stop.dispose();
  }
};
