import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';

/** Both databases every data-layer test runs on: the embedded default and a real MariaDB. */
export const DATABASE_KINDS = ['sqlite', 'mariadb'] as const;
export type DatabaseKind = (typeof DATABASE_KINDS)[number];

/** The MariaDB server the tests use (root, empty password, per the developers' guide). */
export const MARIADB_SERVER_URL = process.env.MIDPLAT_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';

export interface TestDatabase {
  readonly kind: DatabaseKind;
  readonly url: string;
  drop(): Promise<void>;
}

function uniqueName(): string {
  return `midplat_test_${process.pid}_${randomBytes(4).toString('hex')}`;
}

/** A new, empty database of the given kind; `drop` removes it. */
export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  const name = uniqueName();
  if (kind === 'sqlite') {
    const file = join(tmpdir(), `${name}.sqlite`);
    return {
      kind,
      url: `sqlite:${file}`,
      drop: async () => {
        for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
      },
    };
  }
  const admin = await mysql.createConnection(MARIADB_SERVER_URL);
  try {
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
  } finally {
    await admin.end();
  }
  return {
    kind,
    url: `${MARIADB_SERVER_URL}/${name}`,
    drop: async () => {
      const connection = await mysql.createConnection(MARIADB_SERVER_URL);
      try {
        await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
      } finally {
        await connection.end();
      }
    },
  };
}
