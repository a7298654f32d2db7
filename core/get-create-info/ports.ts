import type { Application } from './Application.js';

/** The conditions of a look-up; every one given must hold (AND). */
export interface ApplicationCriteria {
  readonly idno?: string;
  readonly phone?: string;
  readonly seqNo?: string;
}

/** Account-opening applications with their whole graph (SPEC 4 storage). */
export interface ApplicationRepository {
  /**
   * Every application matching all the criteria, interrupted and completed, with all
   * children, read in a number of queries that does not depend on how many match.
   */
  findMatching(criteria: ApplicationCriteria): Promise<Application[]>;
  /** For each phone number, the distinct national IDs of every application using it. */
  idnosByPhone(phones: readonly string[]): Promise<Map<string, string[]>>;
}
export const ApplicationRepository = Symbol.for('ApplicationRepository');
