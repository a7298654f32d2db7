import { inject, injectable } from 'inversify';
import type { Connection, QueryError } from 'mysql2';
import { DatabaseError, QueryTypes } from 'sequelize';
import type { Application } from '../../../core/get-create-info/Application.js';
import type { ApplicationCriteria, ApplicationRepository } from '../../../core/get-create-info/ports.js';
import { Database } from '../Database.js';
import { raisePersistenceError } from '../isDatabaseUnavailable.js';
import { assembleApplications, CHILD_QUERIES, IDNOS_BY_PHONE_SQL, masterQuery, type ChildRows } from './applicationGraph.js';
import type { Row } from './rowCodec.js';

const CHILD_KEYS = Object.keys(CHILD_QUERIES) as (keyof typeof CHILD_QUERIES)[];

/** Sequelize's pool, as its MySQL dialect exposes it. */
interface ConnectionPool {
  getConnection(options: { type: string }): Promise<Connection>;
  releaseConnection(connection: Connection): Promise<void>;
}

/** Let mysql2 parse every column itself (dates as text): no per-field Sequelize conversion. */
const passThrough = (_field: unknown, next: () => unknown) => next();

/**
 * Reads the application graph with plain indexed SQL: one query for the masters, then one
 * per child list for all of them at once (run concurrently), whatever the number of matches.
 *
 * On MySQL the read-only hot path runs its SQL straight on a connection of Sequelize's pool
 * (the current transaction's when there is one): the graph is wide, and Sequelize's result
 * handling (a stack capture per query, a typeCast call per field, a copy of every row)
 * cost about as much CPU as the rest of the request.
 */
@injectable()
export class SequelizeApplicationRepository implements ApplicationRepository {
  constructor(@inject(Database) private readonly database: Database) {}

  private select(sql: string, values: unknown[]): Promise<Row[]> {
    // The pool path bypasses Sequelize's `query`, so it reports an outage itself.
    if (this.database.dialect === 'mysql') return this.selectOnPool(sql, values).catch(raisePersistenceError);
    return this.database.sequelize.query<Row>(sql, {
      type: QueryTypes.SELECT,
      replacements: values,
      raw: true,
      ...this.database.queryOptions(),
    });
  }

  private async selectOnPool(sql: string, values: unknown[]): Promise<Row[]> {
    const { sequelize } = this.database;
    const transaction = this.database.currentTransaction() as unknown as { connection: Connection } | undefined;
    const pool = sequelize.connectionManager as unknown as ConnectionPool;
    const logging = (sequelize as unknown as { options: { logging?: unknown } }).options.logging;
    if (typeof logging === 'function') logging(`Executing (get-create-info): ${sql}`);
    const connection = transaction ? transaction.connection : await pool.getConnection({ type: 'SELECT' });
    try {
      return await new Promise<Row[]>((resolve, reject) => {
        connection.query({ sql, values, typeCast: passThrough, dateStrings: true }, (error: QueryError | null, rows: unknown) =>
          // DatabaseError keeps the driver error as `parent`, which tells an outage from a bad statement.
          // The values (national IDs, phones) stay out of it: errors get logged.
          error ? reject(new DatabaseError(Object.assign(error, { sql, parameters: {} }))) : resolve(rows as Row[]),
        );
      });
    } finally {
      if (!transaction) await pool.releaseConnection(connection);
    }
  }

  async findMatching(criteria: ApplicationCriteria): Promise<Application[]> {
    const { sql, parameters } = masterQuery(criteria);
    const masters = await this.select(sql, parameters);
    if (masters.length === 0) return [];
    const seqNos = masters.map((row) => row.seq_no);
    const results = await Promise.all(CHILD_KEYS.map((key) => this.select(CHILD_QUERIES[key], [seqNos])));
    const children = Object.fromEntries(CHILD_KEYS.map((key, index) => [key, results[index]])) as ChildRows;
    return assembleApplications(masters, children);
  }

  async idnosByPhone(phones: readonly string[]): Promise<Map<string, string[]>> {
    const found = new Map<string, string[]>();
    if (phones.length === 0) return found;
    for (const row of await this.select(IDNOS_BY_PHONE_SQL, [[...phones]])) {
      const phone = String(row.phone_number);
      const idnos = found.get(phone);
      if (idnos) idnos.push(String(row.idno));
      else found.set(phone, [String(row.idno)]);
    }
    return found;
  }
}
