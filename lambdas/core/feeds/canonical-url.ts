/** Query parameters that only track the click; the page is the same without them. */
const TRACKING_PARAMS = new Set([
  'fbclid',
  'gclid',
  'gclsrc',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'yclid',
  'twclid',
  'ttclid',
  'igshid',
  'mc_cid',
  'mc_eid',
  '_ga',
  '_gl',
  '_hsenc',
  '_hsmi',
  'mkt_tok',
  'oly_anon_id',
  'oly_enc_id',
  'vero_id',
  'vero_conv',
  'wickedid',
  'rb_clickid',
  's_cid',
  'ref_src',
  'ref_url',
  'cmpid',
  'ncid',
  'ocid',
  'icid',
  'smid',
  'sr_share',
  'at_medium',
  'at_campaign',
  'at_custom1',
  'at_custom2',
  'at_custom3',
  'at_custom4',
  'guccounter',
  'guce_referrer',
  'guce_referrer_sig',
  'spm',
  '__twitter_impression',
  'fb_action_ids',
  'fb_action_types',
  'fb_source',
  'fb_ref',
  'intcmp',
  'emc',
  'xtor',
]);

const TRACKING_PREFIXES = ['utm_', 'pk_', 'mtm_', 'hmb_', 'stm_'];

/** Query parameters that only ask for the AMP rendering of the same article. */
const AMP_PARAMS = new Set(['amp', 'outputtype', 'amp_js_v', 'usqp', 'amp_gsa', 'amp_tf']);

function isTracking(name: string): boolean {
  const lower = name.toLowerCase();
  return (
    TRACKING_PARAMS.has(lower) || TRACKING_PREFIXES.some((p) => lower.startsWith(p)) || AMP_PARAMS.has(lower)
  );
}

/**
 * AMP cache URLs (https://www-example-com.cdn.ampproject.org/c/s/www.example.com/a) wrap the
 * publisher's URL; the wrapped one is the article.
 */
function unwrapAmpCache(url: URL): URL {
  if (!url.hostname.endsWith('.cdn.ampproject.org')) return url;
  const match = /^\/[a-z](?:\/(s))?\/(.+)$/.exec(url.pathname);
  if (!match) return url;
  try {
    return new URL(`${match[1] ? 'https' : 'http'}://${match[2]}${url.search}`);
  } catch {
    // An AMP cache path that does not name a host is left as it is.
    return url;
  }
}

/** /amp/ segments, a trailing /amp, and article.amp.html all name the AMP copy of the page. */
function stripAmpPath(pathname: string): string {
  const path = pathname
    .split('/')
    .filter((segment) => segment.toLowerCase() !== 'amp')
    .join('/');
  return path.replace(/\.amp(\.html?)?$/i, (_m, ext: string | undefined) => ext ?? '');
}

function paramName(pair: string): string {
  const raw = pair.split('=')[0] ?? '';
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    // A malformed escape is compared as written.
    return raw;
  }
}

/** Filters and sorts the raw pairs so the kept ones keep the outlet's own encoding. */
function canonicalQuery(search: string): string {
  const kept = search
    .replace(/^\?/, '')
    .split('&')
    .filter((pair) => pair !== '' && !isTracking(paramName(pair)));
  kept.sort((a, b) => (paramName(a) < paramName(b) ? -1 : paramName(a) > paramName(b) ? 1 : 0));
  return kept.length > 0 ? `?${kept.join('&')}` : '';
}

function stripTrailingSlashes(pathname: string): string {
  const stripped = pathname.replace(/\/+$/, '');
  return stripped === '' ? '/' : stripped;
}

/**
 * The URL that names an article regardless of how a reader reached it: absolute, http(s) only,
 * lower-case host, no default port, no fragment, no tracking or AMP parameters, no AMP host or path
 * variant, no trailing slash, remaining parameters sorted. Undefined when it is not an http(s) URL.
 */
export function canonicalUrl(url: string, base?: string): string | undefined {
  let parsed: URL;
  try {
    parsed = unwrapAmpCache(new URL(url.trim(), base));
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  parsed.hash = '';
  parsed.username = '';
  parsed.password = '';
  parsed.hostname = parsed.hostname
    .toLowerCase()
    .replace(/\.$/, '')
    .replace(/^amp\./, '');
  parsed.search = canonicalQuery(parsed.search);
  parsed.pathname = stripTrailingSlashes(stripAmpPath(parsed.pathname));
  return parsed.href;
}
