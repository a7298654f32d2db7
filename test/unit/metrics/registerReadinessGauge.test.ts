import { expect } from 'chai';
import { Registry } from 'prom-client';
import { READINESS_TIMEOUT_MS } from '../../../adapters/http/ReadinessCheck.js';
import { registerReadinessGauge } from '../../../adapters/metrics/registerReadinessGauge.js';

const readyValue = async (registry: Registry) => Number(/^midplat_ready (\d+)$/m.exec(await registry.metrics())?.[1]);

describe('midplat_ready gauge', () => {
  it('is 1 while the readiness check answers and 0 while it fails, probed at each scrape', async () => {
    let databaseUp = true;
    const registry = new Registry();
    registerReadinessGauge(registry, async () => {
      if (!databaseUp) throw new Error('connection refused');
    });
    expect(await readyValue(registry)).to.equal(1);
    databaseUp = false;
    expect(await readyValue(registry)).to.equal(0);
    databaseUp = true;
    expect(await readyValue(registry)).to.equal(1);
  });

  it('is 0 when the check hangs past the readiness timeout, as /readyz answers 503', async function () {
    this.timeout(READINESS_TIMEOUT_MS + 20000);
    const registry = new Registry();
    registerReadinessGauge(registry, () => new Promise<void>(() => undefined));
    expect(await readyValue(registry)).to.equal(0);
  });
});
