import { h, svg } from './dom.js';

const WIDTH = 720;
const HEIGHT = 220;
const PAD = { top: 12, right: 8, bottom: 26, left: 40 };
const MAX_BARS = 72;

/**
 * Delivered / failed attempts over the last `hours` as stacked bars, drawn as inline SVG by
 * this module (no chart library to ship). Minutes are grouped so at most MAX_BARS bars show.
 */
export function deliveryChart(series, hours, now = Date.now()) {
  const minutes = hours * 60;
  const perBar = Math.max(1, Math.ceil(minutes / MAX_BARS));
  const bars = Math.ceil(minutes / perBar);
  const start = Math.floor(now / 60000) * 60000 - (bars * perBar - 1) * 60000;
  const buckets = Array.from({ length: bars }, (_, index) => ({ at: start + index * perBar * 60000, delivered: 0, failed: 0 }));
  for (const point of series) {
    const index = Math.floor((Date.parse(point.minute) - start) / (perBar * 60000));
    if (index < 0 || index >= bars) continue;
    buckets[index].delivered += point.delivered;
    buckets[index].failed += point.failed;
  }
  const delivered = buckets.reduce((sum, bucket) => sum + bucket.delivered, 0);
  const failed = buckets.reduce((sum, bucket) => sum + bucket.failed, 0);
  const peak = Math.max(1, ...buckets.map((bucket) => bucket.delivered + bucket.failed));
  const top = niceCeiling(peak);
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const barWidth = plotWidth / bars;
  const y = (value) => PAD.top + plotHeight - (value / top) * plotHeight;
  const label = (at) => new Date(at).toTimeString().slice(0, 5);
  const unit = perBar === 1 ? 'minute' : `${perBar} minutes`;

  const chart = svg(
    'svg',
    {
      class: 'chart',
      viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
      role: 'img',
      'aria-label': `Attempts over the last ${hours} h: ${delivered} delivered, ${failed} failed (one bar per ${unit}).`,
    },
    [0, top / 2, top].map((value) => [
      svg('line', { class: 'grid', x1: PAD.left, x2: WIDTH - PAD.right, y1: y(value), y2: y(value) }),
      svg('text', { class: 'axis', x: PAD.left - 6, y: y(value) + 4, 'text-anchor': 'end' }, String(value)),
    ]),
    buckets.map((bucket, index) => {
      const x = PAD.left + index * barWidth + 0.5;
      const w = Math.max(1, barWidth - 1);
      const title = `${label(bucket.at)}: ${bucket.delivered} delivered, ${bucket.failed} failed`;
      return svg(
        'g',
        {},
        svg('title', {}, title),
        bucket.delivered > 0 ? svg('rect', { class: 'bar-delivered', x, width: w, y: y(bucket.delivered), height: y(0) - y(bucket.delivered) }) : null,
        bucket.failed > 0
          ? svg('rect', { class: 'bar-failed', x, width: w, y: y(bucket.delivered + bucket.failed), height: y(bucket.delivered) - y(bucket.delivered + bucket.failed) })
          : null,
      );
    }),
    [
      [0, 'start'],
      [Math.floor(bars / 2), 'middle'],
      [bars - 1, 'end'],
    ].map(([index, anchor]) =>
      svg('text', { class: 'axis', x: PAD.left + (index + (anchor === 'start' ? 0 : anchor === 'end' ? 1 : 0.5)) * barWidth, y: HEIGHT - 8, 'text-anchor': anchor }, label(buckets[index].at)),
    ),
  );
  const legend = h(
    'p',
    { class: 'legend' },
    h('span', { class: 'key key-delivered' }),
    ` Delivered ${delivered}`,
    h('span', { class: 'key key-failed' }),
    ` Failed ${failed}`,
    h('span', { class: 'muted' }, ` · one bar per ${unit}`),
  );
  return h('figure', { class: 'chart-figure' }, chart, legend);
}

/** 1, 2, 5, 10, 20, 50… at or above `value`, so the axis reads in round numbers. */
function niceCeiling(value) {
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * magnitude >= value) return step * magnitude;
  return 10 * magnitude;
}
