/** `newswatch run [--config FILE] [--once] [--reset] [--verbose]`: the pipeline on this machine. */
import { setTimeout as sleep } from 'node:timers/promises';
import { parseFlags } from '../args.ts';
import type { Command } from '../io.ts';

const USAGE = 'newswatch run [--config FILE] [--once] [--reset] [--verbose]';
export const DEFAULT_CONFIG = 'config/local.yaml';

export const runCommand: Command = async (argv, io) => {
  const { values } = parseFlags(
    argv,
    {
      config: { type: 'string', short: 'c' },
      once: { type: 'boolean' },
      reset: { type: 'boolean' },
      verbose: { type: 'boolean' },
    },
    USAGE,
  );
  // Handler modules read the level when first imported, so it is set before importing them.
  process.env.NEWSWATCH_LOG_LEVEL ??= values.verbose ? 'INFO' : 'ERROR';
  // CloudWatch's embedded metric format is noise on a terminal.
  process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
  const { startLocal, runOnce } = await import('../../local/run.ts');
  const { formatSummary } = await import('../../local/summary.ts');
  const { scheduleIntervalMs } = await import('../../core/config/schedule.ts');
  const configPath = values.config ?? DEFAULT_CONFIG;
  const env = await startLocal(configPath, { reset: values.reset, cwd: io.cwd });
  try {
    if (env.deleted) io.stdout(`--reset deleted ${env.dataDir}: ${env.deleted}.\n`);
    for (;;) {
      io.stdout(`${formatSummary(await runOnce(env), configPath)}\n`);
      if (values.once) return 0;
      const wait = scheduleIntervalMs(env.config.schedule);
      io.stdout(
        `\nNext run in ${Math.round(wait / 60_000)} min; until Ctrl-C stops it, the SES stand-in's viewer is at ${env.standIns.mailViewerUrl}.\n`,
      );
      await sleep(wait);
    }
  } finally {
    await env.stop();
  }
};
