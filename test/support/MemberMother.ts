import type { EddaStatus } from '../../core/upgrade-account/EddaStatus.js';
import type { EddaCheck, Member } from '../../core/upgrade-account/ports.js';

/** A member as UpgradeAccount sees it: a 2B digital savings account, ready to go to 1A. */
export function aMember(overrides: Partial<Member> = {}): Member {
  return { memberId: 'M1', accountId: 'AA19337Z8L29', prodName: 'AC.DIGITAL.SAV', digitalLevel: '2B', ...overrides };
}

/** A member's current EDDA check: verified, unclaimed, never sent to DA21. */
export function anEddaCheck(overrides: Partial<EddaCheck> = {}): EddaCheck {
  return { id: 1, memberId: 'M1', status: 'EDDASuccess', decidingUntil: null, esbTransactionId: null, ...overrides };
}

/** An item of the `members` fixture: a member, who they are, and the status of their current EDDA check. */
export interface MemberFixtureItem extends Member {
  readonly idno?: string;
  readonly phone?: string;
  readonly name?: string;
  readonly eddaStatus?: EddaStatus;
}

/** A `members` fixture item for a verified member; the account id follows the member id unless given. */
export function aMemberFixture(overrides: Partial<MemberFixtureItem> = {}): MemberFixtureItem {
  const memberId = overrides.memberId ?? 'M1';
  return {
    ...aMember({ memberId, accountId: `ACC-${memberId}` }),
    idno: 'A123456789',
    phone: '0912345678',
    name: '王小明',
    eddaStatus: 'EDDASuccess',
    ...overrides,
  };
}
