import type mysql from 'mysql2/promise';
import { ScratchMariaDb } from './ScratchMariaDb.js';

const REPLICATION = ['--log-bin', '--gtid-strict-mode', '--binlog-format=ROW'];

/**
 * A primary and a replica `mariadbd` of the test's own, replicating with binlog + GTID: the
 * replica starts from the primary's first binlog, so what the primary creates (databases,
 * migrations, rows) reaches it.
 */
export class ScratchReplicaPair {
  private constructor(
    readonly primary: ScratchMariaDb,
    readonly replica: ScratchMariaDb,
  ) {}

  static async start(): Promise<ScratchReplicaPair> {
    const primary = await ScratchMariaDb.create([...REPLICATION, '--server-id=1']);
    const replica = await ScratchMariaDb.create([...REPLICATION, '--server-id=2']).catch(async (error: unknown) => {
      await primary.destroy();
      throw error;
    });
    const pair = new ScratchReplicaPair(primary, replica);
    try {
      await Promise.all([primary.start(), replica.start()]);
      await replica.withConnection(async (connection) => {
        await connection.query(`CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT=${primary.port}, MASTER_USER='root', MASTER_CONNECT_RETRY=1, MASTER_USE_GTID=slave_pos`);
        await connection.query('START SLAVE');
      });
      return pair;
    } catch (error) {
      await pair.destroy();
      throw error;
    }
  }

  /** Resolves once the replica has applied everything the primary has logged so far (MASTER_GTID_WAIT), or fails after `timeoutSeconds`. */
  async caughtUp(timeoutSeconds = 60): Promise<void> {
    const [[position]] = await this.primary.withConnection((connection) => connection.query<mysql.RowDataPacket[]>('SELECT @@gtid_binlog_pos AS pos'));
    const [[waited]] = await this.replica.withConnection((connection) =>
      connection.query<mysql.RowDataPacket[]>('SELECT MASTER_GTID_WAIT(?, ?) AS result', [position!.pos as string, timeoutSeconds]),
    );
    if (Number(waited!.result) !== 0) throw new Error(`the replica did not reach the primary's GTID position ${String(position!.pos)} within ${timeoutSeconds} s`);
  }

  /** Runs statements on the replica alone: not written to its binlog, so its GTID history stays the primary's. */
  async onReplicaAlone(sql: string, parameters: (string | number)[] = []): Promise<void> {
    await this.replica.withConnection(async (connection) => {
      await connection.query('SET SESSION sql_log_bin = 0');
      await connection.query(sql, parameters);
    });
  }

  async destroy(): Promise<void> {
    await Promise.all([this.replica.destroy(), this.primary.destroy()]);
  }
}
