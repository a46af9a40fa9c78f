export { createHttpClient, type HttpClientOptions } from './client.ts';
export { FetchError, type FetchErrorKind } from './errors.ts';
