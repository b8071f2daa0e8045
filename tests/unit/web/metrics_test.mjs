// The console's reading of /metrics: Prometheus text parsed, two snapshots turned into request
// rate, error rate and latency percentiles per endpoint.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMetrics, snapshot, interval, quantile } from '../../../web/js/metrics.js';

const text = (requests, errors, buckets) => `# HELP http_requests_total HTTP requests.
# TYPE http_requests_total counter
http_requests_total{method="GET",route="/customers/{id}",status="200"} ${requests}
http_requests_total{method="GET",route="/customers/{id}",status="503"} ${errors}
http_requests_total{method="GET",route="/customers/{id}",status="404"} 1
http_request_duration_seconds_bucket{method="GET",route="/customers/{id}",le="0.001"} ${buckets[0]}
http_request_duration_seconds_bucket{method="GET",route="/customers/{id}",le="0.01"} ${buckets[1]}
http_request_duration_seconds_bucket{method="GET",route="/customers/{id}",le="0.1"} ${buckets[2]}
http_request_duration_seconds_bucket{method="GET",route="/customers/{id}",le="+Inf"} ${buckets[3]}
http_request_duration_seconds_sum{method="GET",route="/customers/{id}"} 1.5
`;

test('parses samples with labels, escapes and special values', () => {
  const samples = parseMetrics('a_total{path="/x\\"y",le="+Inf"} 3\n# comment\nb 1.5e-3\n');
  assert.deepEqual(samples, [
    { name: 'a_total', labels: { path: '/x"y', le: '+Inf' }, value: 3 },
    { name: 'b', labels: {}, value: 0.0015 },
  ]);
});

test('quantile interpolates inside the bucket, as histogram_quantile does', () => {
  const buckets = new Map([[0.001, 0], [0.01, 50], [0.1, 100], [Infinity, 100]]);
  assert.ok(Math.abs(quantile(0.5, buckets) - 0.01) < 1e-12);
  assert.ok(Math.abs(quantile(0.75, buckets) - 0.055) < 1e-12);
  assert.equal(quantile(0.5, new Map([[0.1, 0], [Infinity, 0]])), null);
  // Past the last finite bound: the bound is the best answer there is.
  assert.equal(quantile(0.99, new Map([[0.1, 1], [Infinity, 10]])), 0.1);
});

test('an interval gives rate, 5xx share and percentiles per endpoint and overall', () => {
  const before = snapshot(text(10, 0, [0, 10, 11, 11]), 0);
  const after = snapshot(text(100, 10, [0, 80, 110, 111]), 10000);
  const result = interval(before, after);
  const row = result.endpoints.get('GET /customers/{id}');
  assert.equal(row.requests, 100);
  assert.equal(row.rate, 10);
  assert.equal(row.errorRate, 0.1);
  assert.ok(row.p50 > 1 && row.p50 < 10, `p50 ${row.p50} ms`);
  assert.ok(row.p99 > 10 && row.p99 <= 100, `p99 ${row.p99} ms`);
  assert.equal(result.all.requests, 100);
});

test('a counter that went down (S2 restarted) counts from zero', () => {
  const before = snapshot(text(500, 0, [0, 500, 501, 501]), 0);
  const after = snapshot(text(20, 0, [0, 20, 21, 21]), 5000);
  assert.equal(interval(before, after).endpoints.get('GET /customers/{id}').requests, 21);
});
