export interface SqliteStatement {
  all(parameters: unknown[], callback: (error: Error | null, rows: unknown[]) => void): void;
  finalize(callback: (error: Error | null) => void): void;
}

export interface SqliteConnection {
  prepare(sql: string, callback: (error: Error | null) => void): SqliteStatement;
}

type Statements = Map<string, Promise<SqliteStatement>>;

/** Enough for every hot read's SQL text; an unexpected variety only costs re-preparing. */
const MAX_STATEMENTS_PER_CONNECTION = 32;

const finalize = (statement: SqliteStatement) => new Promise<void>((resolve) => statement.finalize(() => resolve()));

/**
 * Prepared statements of the hot read paths, kept per node-sqlite3 connection: preparing
 * costs as much as running a small indexed query. node-sqlite3 queues calls on one
 * statement, each with its own parameters, so concurrent requests can share it. SQLite
 * refuses to close a connection with statements open, hence `finalizeAll` before closing.
 */
export class SqliteStatementCache {
  private readonly byConnection = new Map<SqliteConnection, Statements>();

  /** Runs `sql` on the connection's cached statement; a statement that failed is not kept. */
  async all<Row>(connection: SqliteConnection, sql: string, parameters: unknown[]): Promise<Row[]> {
    let statements = this.byConnection.get(connection);
    if (!statements) this.byConnection.set(connection, (statements = new Map()));
    let prepared = statements.get(sql);
    if (!prepared) {
      if (statements.size >= MAX_STATEMENTS_PER_CONNECTION) this.forget(statements, statements.keys().next().value as string);
      prepared = prepare(connection, sql);
      statements.set(sql, prepared);
    }
    try {
      const statement = await prepared;
      return await new Promise<Row[]>((resolve, reject) => {
        statement.all(parameters, (error, rows) => (error ? reject(error) : resolve(rows as Row[])));
      });
    } catch (error) {
      if (statements.get(sql) === prepared) this.forget(statements, sql);
      throw error;
    }
  }

  /** Finalizes every statement; calls already queued on them finish first. */
  async finalizeAll(): Promise<void> {
    const open = [...this.byConnection.values()].flatMap((statements) => {
      const prepared = [...statements.values()];
      statements.clear();
      return prepared;
    });
    this.byConnection.clear();
    await Promise.all(open.map((prepared) => prepared.then(finalize, () => undefined)));
  }

  /** Drops a statement and finalizes it once prepared (node-sqlite3 finalizes a failed prepare itself). */
  private forget(statements: Statements, sql: string): void {
    const prepared = statements.get(sql);
    statements.delete(sql);
    prepared?.then(finalize, () => undefined);
  }
}

function prepare(connection: SqliteConnection, sql: string): Promise<SqliteStatement> {
  return new Promise((resolve, reject) => {
    const statement = connection.prepare(sql, (error) => (error ? reject(error) : resolve(statement)));
  });
}
