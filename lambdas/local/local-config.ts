/**
 * The local configuration and names, apart from the runner (run.ts) so a query command reads them
 * without loading the pipeline it does not run.
 */
import { readFileSync } from 'node:fs';
import { loadConfig } from '../core/config/load.ts';
import { type Config, SAMPLES_PLACEHOLDER } from '../core/config/schema.ts';

export { LOCAL_BUCKET, LOCAL_TABLE } from './store-config.ts';

/**
 * Reads the config, replacing `{{samples}}` with the sample server's base URL. Alerts link to the
 * page `serve` and `run` show on `local.webPort` unless the file names another.
 */
export function loadLocalConfig(path: string): Config {
  const config = loadConfig(path);
  const { webPort } = config.local;
  const page = webPort === 0 ? undefined : `http://127.0.0.1:${webPort}`;
  return {
    ...config,
    feeds: config.feeds.map((f) => ({ ...f, url: resolveSamples(f.url, config) })),
    alerts: { ...config.alerts, storyBaseUrl: config.alerts.storyBaseUrl ?? page },
  };
}

/** `{{samples}}` in a feed's URL as the local run serves it. */
export function resolveSamples(url: string, config: Pick<Config, 'local'>): string {
  return url.replaceAll(SAMPLES_PLACEHOLDER, `http://127.0.0.1:${config.local.samplePort}`);
}

/** True when the file's feeds point at the sample outlets, which a local run or serve must then serve. */
export function usesSamples(path: string): boolean {
  return readFileSync(path, 'utf8').includes(SAMPLES_PLACEHOLDER);
}
