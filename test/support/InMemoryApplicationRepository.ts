import type { Application, ApplicationRecord } from '../../core/get-create-info/Application.js';
import type { ApplicationCriteria, ApplicationRepository } from '../../core/get-create-info/ports.js';

/** A hand-written ApplicationRepository for use-case tests: AND over the given criteria. */
export class InMemoryApplicationRepository implements ApplicationRepository {
  readonly applications: Application[] = [];
  readonly criteriaSeen: ApplicationCriteria[] = [];

  add(...records: (ApplicationRecord | Application)[]): this {
    for (const record of records) {
      this.applications.push({
        ...structuredClone(record),
        createDetails: record.createDetails.map((detail) => ({ psd: null, ...structuredClone(detail) })),
      });
    }
    return this;
  }

  async findMatching(criteria: ApplicationCriteria): Promise<Application[]> {
    this.criteriaSeen.push(criteria);
    return this.applications.filter(
      (app) =>
        (criteria.idno === undefined || app.idno === criteria.idno) &&
        (criteria.phone === undefined || app.phoneNumber === criteria.phone) &&
        (criteria.seqNo === undefined || app.seqNo === criteria.seqNo),
    );
  }

  async idnosByPhone(phones: readonly string[]): Promise<Map<string, string[]>> {
    const found = new Map<string, string[]>();
    for (const app of this.applications) {
      if (app.phoneNumber === null || app.idno === null || !phones.includes(app.phoneNumber)) continue;
      found.set(app.phoneNumber, [...(found.get(app.phoneNumber) ?? []), app.idno]);
    }
    return found;
  }
}
