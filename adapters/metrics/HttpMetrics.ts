import { inject, injectable } from 'inversify';
import { Histogram } from 'prom-client';
import type { HttpRequestObserver, ObservedRequest } from '../http/HttpRequestObserver.js';
import { MetricsRegistry } from './MetricsRegistry.js';

/** `midplat_http_request_duration_seconds{method,route,status}`: route is the template, so cardinality stays bounded. */
@injectable()
export class HttpMetrics implements HttpRequestObserver {
  private readonly duration: Histogram<'method' | 'route' | 'status'>;

  constructor(@inject(MetricsRegistry) registry: MetricsRegistry) {
    this.duration = new Histogram({
      name: 'midplat_http_request_duration_seconds',
      help: 'HTTP request duration by route template and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
  }

  observe({ method, route, status, durationSeconds }: ObservedRequest): void {
    this.duration.observe({ method, route, status: String(status) }, durationSeconds);
  }
}
