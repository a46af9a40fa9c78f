/** `newswatch serve [--config FILE] [--port N]`: the reading page over what `newswatch run` stored. */
import { startWebServer } from '../../local/web-server.ts';
import { parseFlags } from '../args.ts';
import { type Command, UsageError } from '../io.ts';
import { stopSignal } from '../signals.ts';
import { withStore } from '../store-access.ts';

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
  const { onPort } = await import('../../local/run.ts');
  const stop = stopSignal();
  try {
    return await withStore(values, io.cwd, async (store, config) => {
      const port = requested ?? config.local.webPort;
      const field = requested === undefined ? 'local.webPort' : '--port';
      const topics = config.topics.map((t) => t.name);
      const web = await onPort(port, field, () => startWebServer({ port, store, topics }));
      io.stdout(`Stories: ${web.url}\nServing what is stored in ${config.local.dataDir}; Ctrl-C stops.\n`);
      await stop.stopped;
      await web.stop();
      return 0;
    });
  } finally {
    stop.dispose();
  }
};
