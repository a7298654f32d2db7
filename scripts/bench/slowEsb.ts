import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Da21Request } from '../../adapters/esb/upgrade-account/da21Message.js';
import { simulatedDa21Reply } from '../../plugins/esb-simulator/SimulatedDa21Gateway.js';

/** A DA21 ESB over real HTTP that answers success after `delayMs`, as a core bank under load would. */
export async function startSlowEsb(delayMs: number): Promise<{ url: string; calls: () => number; stop: () => Promise<void> }> {
  let calls = 0;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      calls += 1;
      const da21 = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Da21Request;
      setTimeout(() => {
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(simulatedDa21Reply(da21, new Date())));
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/esb`,
    calls: () => calls,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
