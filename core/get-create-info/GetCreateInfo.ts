import { inject, injectable } from 'inversify';
import type { Application, CreateInfoItem } from './Application.js';
import { NoSearchCriteria } from './errors.js';
import { ApplicationRepository, type ApplicationCriteria } from './ports.js';
import { toResponse } from './toResponse.js';

export interface GetCreateInfoQuery {
  readonly idno?: string | null;
  readonly phone?: string | null;
  readonly seqNo?: string | null;
}

/** Newest first: createDate, then createTime, descending; seqNo breaks ties. */
export function newestFirst(a: Application, b: Application): number {
  if (a.createDate !== b.createDate) return a.createDate < b.createDate ? 1 : -1;
  if (a.createTime !== b.createTime) return a.createTime < b.createTime ? 1 : -1;
  return a.seqNo < b.seqNo ? -1 : a.seqNo > b.seqNo ? 1 : 0;
}

/** The sorted, distinct national IDs other than the application's own on its phone number. */
export function abnormalPidOf(application: Application, idnosByPhone: ReadonlyMap<string, readonly string[]>): string[] {
  if (application.phoneNumber === null) return [];
  const others = new Set((idnosByPhone.get(application.phoneNumber) ?? []).filter((idno) => idno !== application.idno));
  return [...others].sort();
}

function criteriaOf(query: GetCreateInfoQuery): ApplicationCriteria {
  const criteria: { idno?: string; phone?: string; seqNo?: string } = {};
  for (const key of ['idno', 'phone', 'seqNo'] as const) {
    const value = query[key]?.trim();
    if (value) criteria[key] = value;
  }
  if (Object.keys(criteria).length === 0) throw new NoSearchCriteria();
  return criteria;
}

/**
 * The customer-service all-in-one look-up (seed 001, SPEC 4): every application,
 * interrupted or completed, matching all the given conditions, newest first.
 */
@injectable()
export class GetCreateInfo {
  constructor(@inject(ApplicationRepository) private readonly applications: ApplicationRepository) {}

  async execute(query: GetCreateInfoQuery): Promise<CreateInfoItem[]> {
    const found = await this.applications.findMatching(criteriaOf(query));
    if (found.length === 0) return [];
    const phones = [...new Set(found.map((application) => application.phoneNumber).filter((phone) => phone !== null))];
    const idnosByPhone = phones.length > 0 ? await this.applications.idnosByPhone(phones) : new Map<string, string[]>();
    return [...found].sort(newestFirst).map((application) => toResponse(application, abnormalPidOf(application, idnosByPhone)));
  }
}
