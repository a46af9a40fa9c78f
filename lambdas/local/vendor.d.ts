// Minimal typings for the stand-ins that ship none.
declare module 'dynalite' {
  import type { Server } from 'node:http';
  export default function dynalite(opts: { path?: string; createTableMs?: number }): Server;
}
declare module 's3rver' {
  export default class S3rver {
    constructor(opts: { address?: string; port?: number; silent?: boolean; directory: string });
    run(): Promise<{ address: string; port: number }>;
    close(): Promise<void>;
  }
}
