import { expect } from 'chai';
import fc from 'fast-check';
import { FixtureLoader } from '../../../adapters/persistence/fixtures/FixtureLoader.js';
import { insertOutboxMessage } from '../../../adapters/persistence/outbox/insertOutboxMessage.js';
import { uuidv7 } from '../../../adapters/persistence/outbox/uuidv7.js';
import { anyApplication, withConsistentKeys } from '../../support/applicationArbitrary.js';
import { aBillingCustomer } from '../../support/customerCheckMothers.js';
import { postBilling } from '../../support/customerCheckHttp.js';
import { postJson } from '../../support/http.js';
import { SITI_INFO } from '../../support/KycProfileMother.js';
import { parsePrometheusText, sampleValue } from '../../support/prometheusText.js';
import { ScratchReplicaPair } from '../../support/ScratchReplicaPair.js';
import { startTestService, type TestService } from '../../support/startTestService.js';
import { waitFor } from '../../support/waitFor.js';

/**
 * Issue 23 part 3 / SPEC 9: the read-only paths read from a MySQL replica; a replica that is
 * behind, behind on schema or down is skipped and the primary answers, with no error for the
 * caller. Against a real primary and replica `mariadbd` replicating with binlog + GTID.
 */
const DATABASE = 'midplat_replicas';
const PLAIN_KEY = 'demo-billing-api-key-00001';
const SECRET = 'whsec_ZTJlLW1vbmV5cGx1cy13ZWJob29rLWtleS0wMDAwMDE=';
const MONEYPLUS = { acstkn: 'demo-moneyplus-token' };
const CS = { acstkn: 'demo-cs-token' };
const OPS = { acstkn: 'demo-ops-token' };

/** Changed on the replica alone: seen in an answer, it proves the replica answered. */
const ON_REPLICA = 'Replica Only Name';
/** Its value on the primary (and, until changed there, on the replica). */
const ON_PRIMARY = SITI_INFO.name;
const SERVED_UID = 'u-replica-served';
const CHANGED_UID = 'u-changed-on-primary';
const ENTRY_UID = 'u-replica-entry';
/** The console's member, message and audit views: rows written on the primary, then changed on the replica alone. */
const MEMBER_ID = 'M-REPLICA-CONSOLE';
const CONSOLE_TOPIC = 'replica.console';
const MESSAGE_ID = uuidv7();
const AUDIT_ACTOR = 'replica-console-actor';
const REPLICA_TEXT = 'changed on the replica alone';
const customer = aBillingCustomer({ customerName: 'Primary Customer' });
const application = { ...withConsistentKeys(fc.sample(anyApplication, { numRuns: 1, seed: 23 })[0]!, 'REPLICA-1'), name: 'Primary Applicant' };

describe('read replicas (e2e: a primary and a replica mariadbd of the test\'s own)', function () {
  this.timeout(300000);
  let pair: ScratchReplicaPair;
  let app: TestService;
  let replicaName: string;

  const queryFieldName = async (uid: string): Promise<string> => {
    const response = await postJson(`${app.baseUrl}/intranet/api/v1.0/moneyplus/QueryFieldResult`, { uid, bizId: 'MPLUS' }, MONEYPLUS);
    expect(response.status, JSON.stringify(response.body)).to.equal(200);
    return response.body.data.fields.name as string;
  };
  const metric = async (name: string, labels: Record<string, string>): Promise<number> => {
    const response = await fetch(`${app.baseUrl}/metrics`);
    return sampleValue(parsePrometheusText(await response.text()), name, labels);
  };
  const servedByReplica = () => waitFor('QueryFieldResult answered from the replica', async () => (await queryFieldName(SERVED_UID)) === ON_REPLICA, 60000);

  before(async () => {
    pair = await ScratchReplicaPair.start();
    replicaName = `127.0.0.1:${pair.replica.port}`;
    const url = await pair.primary.createDatabase(DATABASE);
    app = await startTestService(
      'mariadb',
      {
        database: { replicas: [`${pair.replica.serverUrl}/${DATABASE}`], maxReplicaLagMs: 2000 },
        billing: { institutions: [{ instId: '00001', apiKey: PLAIN_KEY, encryptType: 'NONE', key: '' }] },
        moneyPlus: { partners: [{ bizId: 'MPLUS', secret: SECRET, callbackUrl: 'http://127.0.0.1:9/', queryFields: ['name'] }] },
      },
      { database: { kind: 'mariadb', url, drop: async () => undefined } },
    );
    const profile = (uid: string) => ({ uid, walletStatus: 'ACTIVE', clientStatus: 3, level: 300, isMeetBusiness: true, info: SITI_INFO });
    await app.service.container.get(FixtureLoader).load({
      kycProfiles: [profile(SERVED_UID), profile(CHANGED_UID), profile(ENTRY_UID)],
      moneyPlusSubscriptions: [SERVED_UID, CHANGED_UID].map((uid) => ({ uid, bizId: 'MPLUS' })),
      billingCustomers: [customer],
      applications: [application],
      members: [{ memberId: MEMBER_ID, accountId: 'ACC-REPLICA', digitalLevel: 'L1', eddaStatus: 'EDDASuccess' }],
    });
    // No handler serves CONSOLE_TOPIC, so no worker touches the message on the primary.
    const { database } = app.service;
    await insertOutboxMessage(database, MESSAGE_ID, { topic: CONSOLE_TOPIC, partitionKey: 'u-replica-console', payload: {} }, new Date());
    const onPrimary = (sql: string, replacements: unknown[]) => database.sequelize.query(sql, { replacements });
    await onPrimary(
      'INSERT INTO outbox_attempts (message_id, attempt, started_at, duration_ms, succeeded, http_status, response_excerpt, error) VALUES (?, 1, ?, 5, 0, 503, NULL, ?)',
      [MESSAGE_ID, new Date(), 'HTTP 503'],
    );
    await onPrimary(
      "INSERT INTO edda_check_history (edda_check_id, from_status, to_status, request_id, changed_at) SELECT id, 'New', 'EDDASuccess', 'r-replica', ? FROM edda_checks WHERE member_id = ?",
      [new Date(), MEMBER_ID],
    );
    await onPrimary(
      "INSERT INTO upgrade_reviews (member_id, edda_check_id, is_pass, outcome, esb_transaction_id, request_id, consumer, reviewed_at) SELECT member_id, id, 1, 'ESB_DA21_FAILED', NULL, 'r-replica', 'ivr', ? FROM edda_checks WHERE member_id = ?",
      [new Date(), MEMBER_ID],
    );
    await onPrimary("INSERT INTO audit_log (at, actor, action, target, count, outcome, request_id) VALUES (?, ?, 'outbox.retry', '{}', 1, NULL, 'r-replica')", [
      new Date(),
      AUDIT_ACTOR,
    ]);
    await pair.caughtUp();
    await pair.onReplicaAlone(`UPDATE ${DATABASE}.kyc_profiles SET name = ? WHERE uid = ?`, [ON_REPLICA, SERVED_UID]);
    await pair.onReplicaAlone(`UPDATE ${DATABASE}.kyc_profiles SET wallet_status = 'BANNED' WHERE uid = ?`, [ENTRY_UID]);
    await pair.onReplicaAlone(`UPDATE ${DATABASE}.billing_customers SET customer_name = 'Replica Customer' WHERE contract_no = ?`, [customer.contractNo]);
    await pair.onReplicaAlone(`UPDATE ${DATABASE}.create_master SET name = 'Replica Applicant' WHERE seq_no = ?`, [application.seqNo]);
    await pair.onReplicaAlone(`UPDATE ${DATABASE}.members SET digital_level = 'REPLICA' WHERE member_id = ?`, [MEMBER_ID]);
    await pair.onReplicaAlone(`UPDATE ${DATABASE}.edda_checks SET status = 'CustomerSuccess' WHERE member_id = ?`, [MEMBER_ID]);
    await pair.onReplicaAlone(`UPDATE ${DATABASE}.edda_check_history SET to_status = 'CustomerSuccess' WHERE request_id = 'r-replica'`);
    await pair.onReplicaAlone(`UPDATE ${DATABASE}.upgrade_reviews SET outcome = 'APPLIED' WHERE member_id = ?`, [MEMBER_ID]);
    await pair.onReplicaAlone(`UPDATE ${DATABASE}.outbox_messages SET status = 'FAILED', last_error = ? WHERE id = ?`, [REPLICA_TEXT, MESSAGE_ID]);
    await pair.onReplicaAlone(`UPDATE ${DATABASE}.outbox_attempts SET error = ? WHERE message_id = ?`, [REPLICA_TEXT, MESSAGE_ID]);
    await pair.onReplicaAlone(`UPDATE ${DATABASE}.audit_log SET outcome = ? WHERE actor = ?`, [REPLICA_TEXT, AUDIT_ACTOR]);
    // The probe finds the replica usable once it has the primary's migrations.
    await waitFor('the replica in use', async () => (await metric('midplat_db_replica_usable', { replica: replicaName })) === 1, 60000);
  });
  after(async () => {
    await app?.stop();
    await pair?.destroy();
  });

  it('answers GetCreateInfo, QueryFieldResult, Entry, CustomerCheck and the console from the replica (rows changed on the replica alone show)', async () => {
    const createInfo = await postJson(`${app.baseUrl}/intranet/api/v1.0/createaccount/GetCreateInfo`, { seqNo: application.seqNo }, CS);
    expect(createInfo.body.data[0].name).to.equal('Replica Applicant');
    expect(await queryFieldName(SERVED_UID)).to.equal(ON_REPLICA);
    const entry = await postJson(`${app.baseUrl}/intranet/api/v1.0/moneyplus/Entry`, { uid: ENTRY_UID }, MONEYPLUS);
    expect(entry.body.data.route).to.equal('BANNED_POPUP');
    const billing = await postBilling(
      app.baseUrl,
      JSON.stringify({ Version: '1.0.1', InstId: '00001', TranCode: 'CustomerCheck', TranDate: '20240101', TranSeq: 'R1', queryType: 1, contractNo: customer.contractNo }),
      { 'content-type': 'application/json', 'x-api-key': PLAIN_KEY, datatype: 'JSON' },
    );
    expect(JSON.parse(billing.bytes.toString('utf8'))).to.include({ customerName: 'Replica Customer' });
    const console = await postJson(`${app.baseUrl}/ops/api/kyc/profile`, { uid: ENTRY_UID }, OPS);
    expect(console.body.data.profile.walletStatus).to.equal('BANNED');
  });

  it("answers the console's member view from the replica: member, EDDA check with history, reviews", async () => {
    const { data } = (await postJson(`${app.baseUrl}/ops/api/members/get`, { memberId: MEMBER_ID }, OPS)).body;
    expect(data.member.digitalLevel).to.equal('REPLICA');
    expect(data.eddaCheck.status).to.equal('CustomerSuccess');
    expect(data.eddaCheck.history.map((change: { to: string }) => change.to)).to.deep.equal(['CustomerSuccess']);
    expect(data.reviews.map((review: { requestId: string }) => review.requestId)).to.deep.equal(['r-replica']);
    expect(data.failedDa21Attempts).to.deep.equal([]);
  });

  it("answers the console's message views and audit search from the replica; a retry's own reads stay on the primary", async () => {
    const ops = async (path: string, body: object) => (await postJson(`${app.baseUrl}${path}`, body, OPS)).body.data;
    const { items } = await ops('/ops/api/messages/search', { topic: CONSOLE_TOPIC });
    expect(items.map((item: { id: string; status: string; lastError: string }) => [item.id, item.status, item.lastError])).to.deep.equal([[MESSAGE_ID, 'FAILED', REPLICA_TEXT]]);
    const detail = await ops('/ops/api/messages/get', { id: MESSAGE_ID });
    expect(detail.message).to.include({ status: 'FAILED', lastError: REPLICA_TEXT });
    expect(detail.attempts.map((attempt: { error: string }) => attempt.error)).to.deep.equal([REPLICA_TEXT]);
    const { counts } = await ops('/ops/api/overview', {});
    expect(counts.filter((count: { topic: string }) => count.topic === CONSOLE_TOPIC)).to.deep.equal([{ status: 'FAILED', topic: CONSOLE_TOPIC, count: 1 }]);
    expect(await ops('/ops/api/messages/retry-failed', { topic: CONSOLE_TOPIC, dryRun: true })).to.deep.equal({ count: 1 });
    const audit = await ops('/ops/api/audit/search', { actor: AUDIT_ACTOR });
    expect(audit.items.map((record: { outcome: string }) => record.outcome)).to.deep.equal([REPLICA_TEXT]);
    // The retry itself reads in its transaction, on the primary, where the message is still PENDING.
    expect(await ops('/ops/api/messages/retry-failed', { topic: CONSOLE_TOPIC })).to.deep.equal({ count: 0 });
  });

  it('skips a replica whose lag is unknown (SQL thread stopped): a change made on the primary shows at once', async () => {
    const before = await metric('midplat_db_replica_fallbacks_total', { reason: 'lag' });
    await pair.replica.withConnection((connection) => connection.query('STOP SLAVE SQL_THREAD'));
    try {
      await waitFor('QueryFieldResult answered from the primary', async () => (await queryFieldName(SERVED_UID)) === ON_PRIMARY, 30000);
      await pair.primary.withConnection((connection) => connection.query(`UPDATE ${DATABASE}.kyc_profiles SET name = 'Changed On Primary' WHERE uid = ?`, [CHANGED_UID]));
      // The replica cannot have it: its SQL thread is stopped.
      expect(await queryFieldName(CHANGED_UID)).to.equal('Changed On Primary');
      expect(await metric('midplat_db_replica_fallbacks_total', { reason: 'lag' })).to.be.greaterThan(before);
      const skipped = app.logs.filter((line) => line.msg === 'read replica skipped');
      expect(skipped.map((line) => [line.replica, line.reason])).to.deep.include([replicaName, 'lag']);
      const fellBack = app.logs.filter((line) => line.msg === 'replica reads went to the primary');
      expect(fellBack.map((line) => line.reason)).to.include('lag');
      expect(JSON.stringify([...skipped, ...fellBack])).not.to.contain(SERVED_UID).and.not.to.contain(CHANGED_UID);
    } finally {
      await pair.replica.withConnection((connection) => connection.query('START SLAVE SQL_THREAD'));
    }
    await servedByReplica();
    expect(await queryFieldName(CHANGED_UID)).to.equal('Changed On Primary');
  });

  it("skips a replica whose last migration is older than the primary's", async () => {
    const [[last]] = await pair.replica.withConnection((connection) => connection.query<import('mysql2/promise').RowDataPacket[]>(`SELECT MAX(name) AS name FROM ${DATABASE}.schema_migrations`));
    await pair.onReplicaAlone(`DELETE FROM ${DATABASE}.schema_migrations WHERE name = ?`, [last!.name as string]);
    try {
      await waitFor('QueryFieldResult answered from the primary', async () => (await queryFieldName(SERVED_UID)) === ON_PRIMARY, 30000);
      expect(await metric('midplat_db_replica_fallbacks_total', { reason: 'schema' })).to.be.greaterThan(0);
    } finally {
      await pair.onReplicaAlone(`INSERT INTO ${DATABASE}.schema_migrations (name) VALUES (?)`, [last!.name as string]);
    }
    await servedByReplica();
  });

  it('costs no request an error when the replica is killed mid-load, and uses it again once it is back and caught up', async () => {
    let killed = false;
    const statuses: number[] = [];
    const names = new Set<string>();
    const load = async () => {
      for (let i = 0; i < 40 || !killed; i++) {
        const response = await postJson(`${app.baseUrl}/intranet/api/v1.0/moneyplus/QueryFieldResult`, { uid: SERVED_UID, bizId: 'MPLUS' }, MONEYPLUS);
        statuses.push(response.status);
        if (response.status === 200) names.add(response.body.data.fields.name as string);
      }
    };
    const running = Promise.all([load(), load(), load(), load()]);
    await waitFor('the load under way on the replica', () => statuses.length >= 20, 60000);
    await pair.replica.kill();
    killed = true;
    await running;
    expect(statuses.filter((status) => status !== 200)).to.deep.equal([]);
    // The primary took over (the killed replica cannot have answered after the kill).
    expect(await queryFieldName(SERVED_UID)).to.equal(ON_PRIMARY);
    expect(names).to.include(ON_REPLICA);
    const fallbacks = (await metric('midplat_db_replica_fallbacks_total', { reason: 'down' })) + (await metric('midplat_db_replica_fallbacks_total', { reason: 'error' }));
    expect(fallbacks).to.be.greaterThan(0);

    // Written while the replica is down: it must catch up before it counts again.
    await pair.primary.withConnection((connection) => connection.query(`UPDATE ${DATABASE}.kyc_profiles SET name = 'Written While Down' WHERE uid = ?`, [CHANGED_UID]));
    await pair.replica.start();
    await servedByReplica();
    await pair.caughtUp();
    expect(await queryFieldName(CHANGED_UID)).to.equal('Written While Down');
  });
});
