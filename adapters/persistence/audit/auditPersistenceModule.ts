import { ContainerModule } from 'inversify';
import { AuditLogReader, AuditTrail } from '../../../core/shared/AuditTrail.js';
import { SequelizeAuditLogReader } from './SequelizeAuditLogReader.js';
import { SequelizeAuditTrail } from './SequelizeAuditTrail.js';

/** The audit trail (SPEC 2.2.3): written by the operator actions, read by the console and the CLI. */
export const auditPersistenceModule = new ContainerModule(({ bind }) => {
  bind(AuditTrail).to(SequelizeAuditTrail).inSingletonScope();
  bind(AuditLogReader).to(SequelizeAuditLogReader).inSingletonScope();
});
