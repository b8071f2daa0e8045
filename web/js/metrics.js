// S2's /metrics (Prometheus text) read in the browser: each poll is a snapshot of the request
// counters and latency histograms; the difference between two snapshots gives the request rate,
// the error rate and the latency percentiles of that interval, per endpoint.

// { name, labels: {..}, value } for every sample line.
export function parseMetrics(text) {
  const samples = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (!match) continue;
    const labels = {};
    for (const [, name, value] of (match[2] || '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) {
      labels[name] = value.replace(/\\(.)/g, (_, c) => (c === 'n' ? '\n' : c));
    }
    samples.push({ name: match[1], labels, value: Number(match[3]) });
  }
  return samples;
}

// One snapshot: per endpoint ("GET /customers"), requests, server errors (5xx), client errors
// (4xx) and the cumulative latency buckets.
export function snapshot(text, at = Date.now()) {
  const endpoints = new Map();
  const endpoint = (labels) => {
    const key = `${labels.method} ${labels.route}`;
    if (!endpoints.has(key)) endpoints.set(key, { requests: 0, serverErrors: 0, clientErrors: 0, buckets: new Map() });
    return endpoints.get(key);
  };
  for (const s of parseMetrics(text)) {
    if (s.name === 'http_requests_total') {
      const e = endpoint(s.labels);
      e.requests += s.value;
      const status = Number(s.labels.status);
      if (status >= 500) e.serverErrors += s.value;
      else if (status >= 400) e.clientErrors += s.value;
    } else if (s.name === 'http_request_duration_seconds_bucket') {
      const le = s.labels.le === '+Inf' ? Infinity : Number(s.labels.le);
      endpoint(s.labels).buckets.set(le, s.value);
    }
  }
  return { at, endpoints };
}

// The q-quantile (0..1) of the requests counted in cumulative `buckets` (Map le -> count), by
// linear interpolation inside the bucket it falls in, as Prometheus' histogram_quantile does.
export function quantile(q, buckets) {
  const bounds = [...buckets.keys()].sort((a, b) => a - b);
  if (bounds.length === 0) return null;
  const total = buckets.get(bounds[bounds.length - 1]);
  if (!total) return null;
  const rank = q * total;
  let lowerBound = 0;
  let lowerCount = 0;
  for (const bound of bounds) {
    const count = buckets.get(bound);
    if (count >= rank) {
      if (bound === Infinity) return lowerBound;
      const inBucket = count - lowerCount;
      return lowerBound + (bound - lowerBound) * (inBucket ? (rank - lowerCount) / inBucket : 0);
    }
    lowerBound = bound;
    lowerCount = count;
  }
  return lowerBound;
}

// What happened between two snapshots, per endpoint and over all of them: requests per second,
// the share of 5xx answers, p50 and p99 in milliseconds. A counter that went down (S2 restarted)
// counts from zero.
export function interval(before, after) {
  const seconds = Math.max((after.at - before.at) / 1000, 0.001);
  const rows = new Map();
  const allBuckets = new Map();
  let allRequests = 0;
  let allErrors = 0;
  for (const [key, now] of after.endpoints) {
    const then = before.endpoints.get(key);
    const restarted = then && then.requests > now.requests;
    const base = then && !restarted ? then : { requests: 0, serverErrors: 0, buckets: new Map() };
    const requests = now.requests - base.requests;
    const errors = now.serverErrors - base.serverErrors;
    const buckets = new Map();
    for (const [le, count] of now.buckets) {
      const delta = count - (base.buckets.get(le) || 0);
      buckets.set(le, delta);
      allBuckets.set(le, (allBuckets.get(le) || 0) + delta);
    }
    allRequests += requests;
    allErrors += errors;
    rows.set(key, summary(requests, errors, buckets, seconds));
  }
  return { at: after.at, endpoints: rows, all: summary(allRequests, allErrors, allBuckets, seconds) };
}

function summary(requests, errors, buckets, seconds) {
  const ms = (q) => {
    const value = requests > 0 ? quantile(q, buckets) : null;
    return value === null ? null : value * 1000;
  };
  return {
    requests,
    rate: requests / seconds,
    errorRate: requests > 0 ? errors / requests : 0,
    p50: ms(0.5),
    p99: ms(0.99),
  };
}
