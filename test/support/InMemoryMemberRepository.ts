import type { Member, MemberRepository } from '../../core/upgrade-account/ports.js';
import type { Snapshotting } from './InMemoryUnitOfWork.js';

export class InMemoryMemberRepository implements MemberRepository, Snapshotting {
  members = new Map<string, Member>();

  add(member: Member): this {
    this.members.set(member.memberId, member);
    return this;
  }

  async findById(memberId: string): Promise<Member | null> {
    return this.members.get(memberId) ?? null;
  }

  async setDigitalLevel(memberId: string, level: string): Promise<void> {
    const member = this.members.get(memberId);
    if (member) this.members.set(memberId, { ...member, digitalLevel: level });
  }

  snapshot(): unknown {
    return new Map(this.members);
  }

  restore(state: unknown): void {
    this.members = state as Map<string, Member>;
  }
}
