import { fileURLToPath } from 'node:url';
import { worseTimeout, type IoAggregate } from '../protocol.js';

type Timeout = IoAggregate['timeout'];
type Kind = IoAggregate['kind'];

/** How many calls per target get a stack captured for their call site: a stack costs microseconds. */
const STACKS_PER_TARGET = 20;

/**
 * The first frame of the service's own code in a stack, as `file:line:column` (the analysis maps it
 * through a source map and reports `file:line`), outside dependencies and Node.
 */
export function ownCallSite(stack: string | undefined, root: string): string | undefined {
  for (const line of (stack ?? '').split('\n').slice(1)) {
    const match = /(?:\(|at )((?:file:\/\/)?\/[^():]+):(\d+):(\d+)\)?$/.exec(line.trim());
    if (!match) continue;
    // ES modules show as file URLs, with spaces and other characters percent-encoded.
    const file = match[1]!.startsWith('file://') ? fileURLToPath(match[1]!) : match[1]!;
    if (file.includes('/node_modules/') || file.includes('/@strata/probe/') || file.includes('/packages/probe/dist/')) continue;
    return `${file.startsWith(root + '/') ? file.slice(root.length + 1) : file}:${match[2]}:${match[3]}`;
  }
  return undefined;
}

/** Outbound calls in flight and finished, aggregated per kind and target until the next interval is taken. */
export class IoTally {
  private aggregates = new Map<string, IoAggregate>();
  private readonly inFlight = new Map<string, number>();
  private readonly started = new Map<string, number>();

  constructor(private readonly root: string) {}

  /** Whether the next call should pay for a stack: the first calls, then one in a hundred. */
  wantsSite(count: number): boolean {
    return count <= STACKS_PER_TARGET || count % 100 === 0;
  }

  /** The service's own frame in the current stack. */
  siteHere(): string | undefined {
    return ownCallSite(new Error().stack, this.root);
  }

  /** Records a call starting; returns what `finish` needs. `knownSite` is a call site captured earlier. */
  begin(kind: Kind, target: string, knownSite?: string): { key: string; start: number; site: string | undefined } {
    const key = `${kind} ${target}`;
    const flying = (this.inFlight.get(key) ?? 0) + 1;
    this.inFlight.set(key, flying);
    const seen = (this.started.get(key) ?? 0) + 1;
    this.started.set(key, seen);
    const site = knownSite ?? (this.wantsSite(seen) ? this.siteHere() : undefined);
    const aggregate = this.aggregate(kind, target, key);
    aggregate.maxInFlight = Math.max(aggregate.maxInFlight, flying);
    return { key, start: performance.now(), site };
  }

  finish(call: { key: string; start: number; site: string | undefined }, kind: Kind, target: string, timeout: Timeout, failed: boolean): void {
    this.inFlight.set(call.key, Math.max(0, (this.inFlight.get(call.key) ?? 1) - 1));
    const ms = performance.now() - call.start;
    const aggregate = this.aggregate(kind, target, call.key);
    aggregate.count++;
    if (failed) aggregate.errors++;
    aggregate.totalMs += ms;
    aggregate.timeout = worseTimeout(aggregate.timeout, timeout);
    if (ms >= aggregate.maxMs) {
      aggregate.maxMs = ms;
      if (call.site) aggregate.site = call.site;
    } else if (!aggregate.site && call.site) aggregate.site = call.site;
  }

  private aggregate(kind: Kind, target: string, key: string): IoAggregate {
    let aggregate = this.aggregates.get(key);
    if (!aggregate) {
      aggregate = { kind, target, timeout: 'set', count: 0, errors: 0, totalMs: 0, maxMs: 0, maxInFlight: this.inFlight.get(key) ?? 0 };
      this.aggregates.set(key, aggregate);
    }
    return aggregate;
  }

  take(): IoAggregate[] {
    const taken = [...this.aggregates.values()].filter((a) => a.count > 0 || a.maxInFlight > 0);
    this.aggregates = new Map();
    return taken;
  }
}
