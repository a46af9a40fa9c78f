/** `newswatch run [--config FILE] [--once] [--reset] [--verbose]`: the pipeline on this machine. */
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { WebServer } from '../../local/web-server.ts';
import { parseCommandLine } from '../args.ts';
import { CONFIG_FLAG, DEFAULT_CONFIG } from '../common-flags.ts';
import type { Command } from '../io.ts';
import { stopSignal } from '../signals.ts';

const RUN_LINE = {
  usage: 'newswatch run [--config FILE] [--once] [--reset] [--verbose]',
  summary: `The pipeline on this machine, on the stand-ins: fetch, group, tag and alert, on the configured
schedule (with the reading page) or once.`,
  flags: {
    ...CONFIG_FLAG,
    once: { type: 'boolean', help: 'run once and exit' },
    reset: { type: 'boolean', help: 'delete the local data first (says what it deletes)' },
    verbose: { type: 'boolean', help: "log the handlers' JSON lines (INFO)" },
  },
} as const;

export { DEFAULT_CONFIG } from '../common-flags.ts';

export const runCommand: Command = async (argv, io) => {
  const { values } = parseCommandLine(argv, RUN_LINE);
  // Handler modules read the level when first imported, so it is set before importing them.
  process.env.NEWSWATCH_LOG_LEVEL ??= values.verbose ? 'INFO' : 'ERROR';
  // CloudWatch's embedded metric format is noise on a terminal.
  process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
  const { startLocal, runOnce, onPort } = await import('../../local/run.ts');
  const { formatSummary } = await import('../../local/summary.ts');
  const { scheduleIntervalMs } = await import('../../core/config/schedule.ts');
  const configPath = values.config ?? DEFAULT_CONFIG;
  const env = await startLocal(configPath, { reset: values.reset, cwd: io.cwd });
  const stop = stopSignal();
  let web: WebServer | undefined;
  try {
    if (env.deleted) io.stdout(`--reset deleted ${env.dataDir}: ${env.deleted}.\n`);
    if (!values.once) {
      const { webPort: port } = env.config.local;
      const { startWebServer } = await import('../../local/web-server.ts');
      const { localArchive } = await import('../local-archive.ts');
      const topics = env.config.topics.map((t) => t.name);
      const options = {
        port,
        store: env.container.store,
        archive: localArchive(env.standIns.endpoints),
        aliases: env.config.aliases,
        topics,
        topicInfo: env.config.topics,
        mailDir: join(env.dataDir, 'mail'),
      };
      web = await onPort(port, 'local.webPort', () => startWebServer(options));
    }
    const page = web
      ? { url: web.url }
      : { command: serveCommandFor(configPath), port: env.config.local.webPort };
    for (;;) {
      io.stdout(`${formatSummary(await runOnce(env), configPath, page)}\n`);
      if (values.once) return 0;
      const wait = scheduleIntervalMs(env.config.schedule);
      io.stdout(
        `\nNext run in ${Math.round(wait / 60_000)} min; until Ctrl-C stops it, the SES stand-in's viewer is at ${env.standIns.mailViewerUrl}.\n`,
      );
      try {
        await sleep(wait, undefined, { signal: stop.signal });
      } catch {
        return 0;
      }
    }
  } finally {
    stop.dispose();
    await web?.stop();
    await env.stop();
  }
};

/** The command that serves the page over the same data: the default configuration needs no flag. */
function serveCommandFor(configPath: string): string {
  return configPath === DEFAULT_CONFIG ? 'npx newswatch serve' : `npx newswatch serve --config ${configPath}`;
}
