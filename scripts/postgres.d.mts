export class PostgresUnavailable extends Error {}

export interface Cluster {
  url: string;
  files: string;
  log: string;
  stop(): Promise<void>;
  /** A crash: SIGKILL to the server and every backend at once. */
  kill(): Promise<void>;
  /** Starts it again on the same files and port. */
  restart(): Promise<void>;
}

export function freePort(): Promise<number>;
export function startPostgres(options?: { durable?: boolean; binaries?: string; port?: number }): Promise<Cluster>;
