/**
 * What a configuration needs beyond being valid before it is deployed. `newswatch run` accepts
 * the sample-outlet placeholder and example addresses; a deployment would fail every fetch or
 * send every email into nowhere with them, so synth refuses the one and warns about the other.
 */
import { type Config, SAMPLES_PLACEHOLDER } from './schema.ts';

// RFC 2606 reserves these for documentation: nobody receives their mail or serves their pages.
const PLACEHOLDER_DOMAIN = /(^|\.)example(\.com|\.org|\.net)?$/i;

const domainOfEmail = (address: string) => address.slice(address.lastIndexOf('@') + 1);
const domainOfUrl = (url: string) => (URL.canParse(url) ? new URL(url).hostname : '');

/** Errors: a deployed fetcher cannot reach the local sample outlets. */
export function deploymentProblems(config: Config): string[] {
  return config.feeds.flatMap((feed, i) =>
    feed.url.includes(SAMPLES_PLACEHOLDER)
      ? [`feeds[${i}].url: ${SAMPLES_PLACEHOLDER} is the local sample server, unreachable from AWS`]
      : [],
  );
}

/** Warnings: fields that still hold a placeholder domain from the example file. */
export function placeholderWarnings(config: Config): string[] {
  const fields: Array<[string, string]> = [
    ['alerts.from', domainOfEmail(config.alerts.from)],
    ['fetch.contactUrl', domainOfUrl(config.fetch.contactUrl)],
    ...config.topics.flatMap((topic, t) =>
      (topic.recipients ?? []).map((r, i): [string, string] => [
        `topics[${t}].recipients[${i}]`,
        domainOfEmail(r),
      ]),
    ),
    ...config.feeds.map((feed, i): [string, string] => [`feeds[${i}].url`, domainOfUrl(feed.url)]),
  ];
  if (config.operations.email) fields.push(['operations.email', domainOfEmail(config.operations.email)]);
  if (config.alerts.storyBaseUrl)
    fields.push(['alerts.storyBaseUrl', domainOfUrl(config.alerts.storyBaseUrl)]);
  return fields
    .filter(([, domain]) => PLACEHOLDER_DOMAIN.test(domain))
    .map(
      ([field, domain]) =>
        `${field}: ${domain} is a placeholder domain; replace it before relying on this deployment`,
    );
}
