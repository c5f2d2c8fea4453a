export class PostgresUnavailable extends Error {}

export interface Cluster {
  url: string;
  files: string;
  log: string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number>;
export function startPostgres(options?: { durable?: boolean; binaries?: string; port?: number }): Promise<Cluster>;
