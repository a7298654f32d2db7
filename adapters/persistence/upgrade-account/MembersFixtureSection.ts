import { inject, injectable } from 'inversify';
import { EDDA_STATUSES } from '../../../core/upgrade-account/EddaStatus.js';
import { fixtureString } from '../ColumnShape.js';
import { Database } from '../Database.js';
import type { FixtureSection, LoadMode } from '../fixtures/FixtureSection.js';
import { itemsToWrite } from '../fixtures/itemsToWrite.js';
import { MEMBER_SHAPE } from './memberShape.js';
import { defineUpgradeAccountModels } from './upgradeAccountModels.js';

interface MemberFixture {
  memberId: string;
  idno?: string;
  phone?: string;
  name?: string;
  accountId: string;
  prodName?: string;
  digitalLevel: string;
  eddaStatus?: (typeof EDDA_STATUSES)[number];
}

/** Fixture key `members`: a member and, when `eddaStatus` is given, its current EDDA check (a replaced member gets a new current one). */
@injectable()
export class MembersFixtureSection implements FixtureSection {
  readonly key = 'members';
  readonly itemSchema = {
    type: 'object',
    additionalProperties: false,
    required: ['memberId', 'accountId', 'digitalLevel'],
    properties: {
      memberId: fixtureString(MEMBER_SHAPE.member_id, 'nonEmpty'),
      idno: fixtureString(MEMBER_SHAPE.idno),
      phone: fixtureString(MEMBER_SHAPE.phone),
      name: fixtureString(MEMBER_SHAPE.name),
      accountId: fixtureString(MEMBER_SHAPE.account_id, 'nonEmpty'),
      prodName: fixtureString(MEMBER_SHAPE.prod_name),
      digitalLevel: fixtureString(MEMBER_SHAPE.digital_level, 'nonEmpty'),
      eddaStatus: { enum: [...EDDA_STATUSES] },
    },
  };

  constructor(@inject(Database) private readonly database: Database) {}

  async load(items: unknown[], mode: LoadMode): Promise<number> {
    const { Member, EddaCheck } = this.database.models(defineUpgradeAccountModels);
    const options = this.database.queryOptions();
    const members = items as MemberFixture[];
    const found = await Member.findAll({ attributes: ['member_id'], where: { member_id: members.map((member) => member.memberId) }, ...options });
    const stored = new Set(found.map((row) => row.get().member_id));
    const toWrite = itemsToWrite(this.key, members, mode, {
      isStored: (member) => stored.has(member.memberId),
      describe: (member) => `memberId ${member.memberId}`,
    });
    for (const member of toWrite) {
      await Member.upsert(
        {
          member_id: member.memberId,
          idno: member.idno ?? null,
          phone: member.phone ?? null,
          name: member.name ?? null,
          account_id: member.accountId,
          prod_name: member.prodName ?? 'AC.DIGITAL.SAV',
          digital_level: member.digitalLevel,
        },
        options,
      );
      if (member.eddaStatus) {
        await EddaCheck.create({ member_id: member.memberId, status: member.eddaStatus }, options);
      }
    }
    return toWrite.length;
  }
}
