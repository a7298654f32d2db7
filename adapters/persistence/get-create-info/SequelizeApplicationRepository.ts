import { inject, injectable } from 'inversify';
import type { Application } from '../../../core/get-create-info/Application.js';
import type { ApplicationCriteria, ApplicationRepository } from '../../../core/get-create-info/ports.js';
import { Database } from '../Database.js';
import { selectRows, type SelectParameter } from '../selectRows.js';
import { assembleApplications, CHILD_QUERIES, IDNOS_BY_PHONE_SQL, masterQuery, type ChildRows } from './applicationGraph.js';
import type { Row } from './rowCodec.js';

const CHILD_KEYS = Object.keys(CHILD_QUERIES) as (keyof typeof CHILD_QUERIES)[];

/**
 * Reads the application graph with plain indexed SQL: one query for the masters, then one
 * per child list for all of them at once (run concurrently), whatever the number of matches.
 * The graph is wide, so it reads on the driver (`selectRows`) with dates as text: Sequelize's
 * result handling (a stack capture per query, a typeCast call per field, a copy of every row)
 * cost about as much CPU as the rest of the request. GetCreateInfo only reads: a usable read
 * replica answers.
 */
@injectable()
export class SequelizeApplicationRepository implements ApplicationRepository {
  constructor(@inject(Database) private readonly database: Database) {}

  private select(sql: string, parameters: readonly SelectParameter[]): Promise<Row[]> {
    return selectRows<Row>(this.database, sql, parameters, { dateStrings: true, readFrom: 'replica' });
  }

  async findMatching(criteria: ApplicationCriteria): Promise<Application[]> {
    const { sql, parameters } = masterQuery(criteria);
    const masters = await this.select(sql, parameters);
    if (masters.length === 0) return [];
    const seqNos = masters.map((row) => row.seq_no as string | number);
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
