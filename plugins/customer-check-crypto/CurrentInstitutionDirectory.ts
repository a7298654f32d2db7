import type { InstitutionDirectory, PartnerInstitution } from '../../adapters/http/customer-check/ports.js';

/** The institutions of the configuration in force (reload swaps them); each call asks which those are. */
export class CurrentInstitutionDirectory implements InstitutionDirectory {
  constructor(private readonly current: () => InstitutionDirectory) {}

  identify(apiKey: string | undefined): PartnerInstitution {
    return this.current().identify(apiKey);
  }
}
