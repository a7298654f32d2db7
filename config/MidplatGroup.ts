import { ClusterGroupMetrics } from '../adapters/cluster/ClusterGroupMetrics.js';
import { ClusterPrimary } from '../adapters/cluster/ClusterPrimary.js';
import { createLogger, type Logger } from '../adapters/logging/Logger.js';
import { Database } from '../adapters/persistence/Database.js';
import type { MidplatConfig } from './MidplatConfig.js';
import { applyMigrations } from './MidplatService.js';
import { requireServingSettings } from './requireServingSettings.js';

/**
 * The primary of a process group on one machine (`http.workers` > 1, SPEC 9): it migrates
 * once, before any worker starts, then forks the workers (each a MidplatService that gets
 * this configuration from it) and keeps them running. It serves nothing itself. There is
 * no demo data to load: a group needs MySQL, which only production uses.
 */
export class MidplatGroup {
  readonly logger: Logger;
  private readonly primary: ClusterPrimary;

  constructor(
    readonly config: MidplatConfig,
    private readonly workers: number,
  ) {
    this.logger = createLogger(config.log.level).child({ role: 'primary' });
    this.primary = new ClusterPrimary({ workers, shutdownGraceMs: config.http.shutdownGraceMs }, this.logger, new ClusterGroupMetrics(), config);
  }

  async start(): Promise<void> {
    requireServingSettings(this.config);
    // Two: the migration lock's transaction holds one connection while the migrations use another.
    const database = new Database({ ...this.config.database, poolMax: 2 });
    try {
      await applyMigrations(database, this.logger);
    } finally {
      await database.close();
    }
    const port = await this.primary.start();
    this.logger.info({ port, workers: this.workers }, 'midplat group listening');
  }

  /**
   * SIGHUP: the workers reload, each on its own reading (each logs and counts its result); the
   * primary keeps its valid reading for workers it starts later, and says when it could not read one.
   */
  reload(load: () => MidplatConfig): void {
    let config: MidplatConfig | undefined;
    try {
      config = load();
    } catch (error) {
      this.logger.error({ err: error }, 'configuration reload refused by the primary; workers started later keep the running configuration');
    }
    this.primary.reload(config);
  }

  /** Every worker drains and exits; fails when one did not exit cleanly. */
  async stop(): Promise<void> {
    if (!(await this.primary.stop())) throw new Error('a worker did not stop cleanly');
  }
}
