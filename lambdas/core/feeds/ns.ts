export const NS = {
  atom10: 'http://www.w3.org/2005/Atom',
  atom03: 'http://purl.org/atom/ns#',
  rss10: 'http://purl.org/rss/1.0/',
  rss090: 'http://my.netscape.com/rdf/simple/0.9/',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  dc: 'http://purl.org/dc/elements/1.1/',
  dcterms: 'http://purl.org/dc/terms/',
  content: 'http://purl.org/rss/1.0/modules/content/',
  xhtml: 'http://www.w3.org/1999/xhtml',
  itunes: 'http://www.itunes.com/dtds/podcast-1.0.dtd',
  /** Userland's RSS 2.0 namespace, which old Userland and Yandex feeds declare as the default. */
  rss20userland: 'http://backend.userland.com/rss2',
} as const;

/**
 * RSS core elements: no namespace in 0.9x/2.0 (or Userland's RSS 2.0 namespace), the RSS 1.0 or
 * 0.90 namespace in RDF feeds.
 */
export const RSS_CORE = ['', NS.rss10, NS.rss090, NS.rss20userland] as const;
/** Atom documents that forgot their namespace still use Atom's element names. */
export const ATOM_LOOSE = [NS.atom10, NS.atom03, ''] as const;
