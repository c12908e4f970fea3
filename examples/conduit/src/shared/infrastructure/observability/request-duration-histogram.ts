interface Series {
  /** Observations per bucket, not cumulative; the last slot is above the highest bound (+Inf). */
  readonly counts: number[];
  sum: number;
  count: number;
}

/**
 * The request-latency histogram (method, route template, status), counted without prom-client's
 * per-observation work and written in Prometheus's text format at scrape time.
 *
 * prom-client's `observe` builds a closure, validates the label names, concatenates a string key
 * from the label values and looks it up in an object, for every response: about 2.5 µs of the
 * 70 to 110 µs of CPU a cached read cost in the profile. Here an observation is three Map lookups
 * on values the request already holds (the route template is one string per route, the status a
 * number) and a scan of eleven bounds. The exposition is the same as prom-client's for a histogram
 * (cumulative `_bucket` lines with `le` first, then `_sum` and `_count`), so dashboards and alerts
 * do not change.
 */
export class RequestDurationHistogram {
  private readonly series = new Map<string, Map<string, Map<number, Series>>>();

  constructor(
    private readonly name: string,
    private readonly help: string,
    /** Upper bounds in seconds, ascending. */
    private readonly bounds: readonly number[],
  ) {}

  observe(method: string, route: string, status: number, seconds: number): void {
    let routes = this.series.get(method);
    if (routes === undefined) {
      routes = new Map();
      this.series.set(method, routes);
    }
    let statuses = routes.get(route);
    if (statuses === undefined) {
      statuses = new Map();
      routes.set(route, statuses);
    }
    let series = statuses.get(status);
    if (series === undefined) {
      series = { counts: new Array<number>(this.bounds.length + 1).fill(0), sum: 0, count: 0 };
      statuses.set(status, series);
    }
    // A value equal to a bound falls in that bound's bucket (`le`).
    let bucket = 0;
    while (bucket < this.bounds.length && seconds > (this.bounds[bucket] as number)) bucket++;
    series.counts[bucket] = (series.counts[bucket] as number) + 1;
    series.sum += seconds;
    series.count += 1;
  }

  /** The metric in Prometheus's text exposition format, ending with a newline. */
  render(): string {
    const lines = [`# HELP ${this.name} ${this.help}`, `# TYPE ${this.name} histogram`];
    for (const [method, routes] of this.series) {
      for (const [route, statuses] of routes) {
        for (const [status, series] of statuses) {
          const labels = `method="${escapeLabel(method)}",route="${escapeLabel(route)}",status="${status}"`;
          let cumulative = 0;
          for (let bucket = 0; bucket <= this.bounds.length; bucket++) {
            cumulative += series.counts[bucket] as number;
            const bound = bucket < this.bounds.length ? String(this.bounds[bucket]) : '+Inf';
            lines.push(`${this.name}_bucket{le="${bound}",${labels}} ${cumulative}`);
          }
          lines.push(`${this.name}_sum{${labels}} ${series.sum}`, `${this.name}_count{${labels}} ${series.count}`);
        }
      }
    }
    return `${lines.join('\n')}\n`;
  }
}

/** Label values escape backslash, double quote and line feed (the text format's rules). */
function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
