import { analyze } from '@strata/core/api';
// The probe (and autocannon with it) loads only when `strata probe` runs: every other command starts without it.
import type { RouteTarget } from '@strata/probe';
import { PROBE_FORMATS } from '@strata/probe/formats';
import { UsageError, type Command, type CommandIo } from '../command.js';
import { choice, stringOption, writeOutput } from './analysis-options.js';
import { probeRoutesFrom } from './probe-routes.js';

const EXIT_SERVICE_FAILED = 3;
const EXIT_ON_SIGNAL: Record<string, number> = { SIGINT: 130, SIGTERM: 143 };

function positiveNumber(values: Record<string, unknown>, name: string, fallback: number): number {
  const text = stringOption(values, name);
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new UsageError(`--${name} must be a positive number (got "${text}")`);
  return value;
}

/** `--routes "GET /a,/b" --routes "POST /c"`: a method is optional and defaults to GET. */
function parseRoutes(values: Record<string, unknown>): RouteTarget[] {
  const raw = (values.routes as string[] | undefined) ?? [];
  return raw
    .flatMap((entry) => entry.split(','))
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const match = /^(?:([A-Za-z]+)\s+)?(\/\S*)$/.exec(entry);
      if (!match) throw new UsageError(`--routes expects "/path" or "METHOD /path" (got "${entry}")`);
      return { method: (match[1] ?? 'GET').toUpperCase(), path: match[2]! };
    });
}

/** The routes the review engine found (see probeRoutesFrom), when its HTTP model ran; else `/`. */
async function discoveredRoutes(root: string, progress?: (message: string) => void): Promise<RouteTarget[]> {
  try {
    const result = await analyze({ root, cache: true });
    const routes = probeRoutesFrom(result.routes ?? []);
    if (routes.length) {
      progress?.(`loading ${routes.map((route) => route.path).join(', ')} (GET routes the review found; --routes chooses others)`);
      return routes;
    }
  } catch {
    // A repository the engine cannot read still gets probed, on `/`.
  }
  return [{ method: 'GET', path: '/' }];
}

/** SIGINT/SIGTERM abort the run (the service is then stopped); the signal's name decides the exit code. */
function interruptOnSignals(): { signal: AbortSignal; received: () => string | undefined; dispose: () => void } {
  const controller = new AbortController();
  let received: string | undefined;
  const handlers = (['SIGINT', 'SIGTERM'] as const).map((name) => {
    const handler = (): void => {
      received ??= name;
      controller.abort();
    };
    process.on(name, handler);
    return [name, handler] as const;
  });
  return { signal: controller.signal, received: () => received, dispose: () => handlers.forEach(([name, handler]) => process.off(name, handler)) };
}

export const probeCommand: Command = {
  name: 'probe',
  summary: 'Run the service under load and diagnose event-loop blocking, memory growth, GC pressure and slow I/O',
  usage: 'strata probe [options] -- <command that starts the service>   (e.g. -- node dist/main.js, -- npm start)',
  options: {
    url: { type: 'string', description: 'Base URL to load (default: the first port the service opens, on 127.0.0.1)' },
    routes: { type: 'string', multiple: true, description: 'Routes to load, "/path" or "METHOD /path", comma-separated or repeated', defaultLabel: 'GET routes found by the review, else /' },
    connections: { type: 'string', short: 'c', description: 'Concurrent connections', defaultLabel: '10' },
    duration: { type: 'string', short: 'd', description: 'Seconds of load per route (with --attach-only: seconds to measure)', defaultLabel: '10' },
    'attach-only': { type: 'boolean', description: 'Generate no load: measure while you drive the service yourself' },
    'startup-timeout': { type: 'string', description: 'Seconds to wait for the service to open its port', defaultLabel: '30' },
    format: { type: 'string', short: 'f', description: `Output format: ${PROBE_FORMATS.join(', ')}`, defaultLabel: 'text' },
    output: { type: 'string', short: 'o', description: 'Write the report to this file instead of standard output' },
    'show-output': { type: 'boolean', description: "Pass the service's own output through to stderr" },
    quiet: { type: 'boolean', short: 'q', description: 'No progress messages on stderr' },
  },
  async run({ values, positionals }, io: CommandIo) {
    if (positionals.length === 0) throw new UsageError('no command to start: strata probe [options] -- <command>, e.g. -- node dist/main.js');
    const format = choice(stringOption(values, 'format') ?? 'text', PROBE_FORMATS, 'format')!;
    const url = stringOption(values, 'url');
    if (url !== undefined && !/^https?:\/\/[^/]+/.test(url)) throw new UsageError(`--url must be an http(s) URL (got "${url}")`);
    const attachOnly = Boolean(values['attach-only']);
    const explicit = parseRoutes(values);
    const connections = Math.round(positiveNumber(values, 'connections', 10));
    const durationMs = positiveNumber(values, 'duration', 10) * 1000;
    const startupTimeoutMs = positiveNumber(values, 'startup-timeout', 30) * 1000;
    const progress = values.quiet ? undefined : (message: string) => io.stderr.write(`probe: ${message}\n`);
    const routes = attachOnly || explicit.length ? explicit : await discoveredRoutes(io.cwd, progress);
    const { diagnose, formatProbeReport, ProbeError, runProbe } = await import('@strata/probe');
    const signals = interruptOnSignals();
    try {
      const run = await runProbe({
        command: positionals,
        cwd: io.cwd,
        env: io.env,
        ...(url ? { url } : {}),
        routes,
        connections,
        durationMs,
        attachOnly,
        startupTimeoutMs,
        signal: signals.signal,
        ...(progress ? { onProgress: progress } : {}),
        ...(values['show-output'] ? { serviceOutput: io.stderr } : {}),
      });
      const report = diagnose(run);
      const output = stringOption(values, 'output');
      const color = !output && format === 'text' && Boolean(io.stdout.isTTY) && !io.env.NO_COLOR;
      await writeOutput(formatProbeReport(report, format, { color }), output, io);
      if (output && !values.quiet) io.stderr.write(`Report written to ${output}\n`);
      return report.verdict === 'healthy' ? 0 : 1;
    } catch (error) {
      if (!(error instanceof ProbeError)) throw error;
      io.stderr.write(`strata probe: ${error.message} [${error.code}]\n`);
      const signal = signals.received();
      return error.code === 'INTERRUPTED' && signal ? EXIT_ON_SIGNAL[signal]! : EXIT_SERVICE_FAILED;
    } finally {
      signals.dispose();
    }
  },
};
