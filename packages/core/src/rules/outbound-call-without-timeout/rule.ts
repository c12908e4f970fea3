import type { ResolvedCall } from '../../program/call-graph.js';
import { callsInRequests, routeSuffix } from '../../program/handler-reach.js';
import { routeLabel } from '../../program/http/route.js';
import { detached } from '../../program/async/promises.js';
import { isApplicationCode } from '../../program/applies.js';
import { outboundRequests, type OutboundRequest } from '../../program/outbound/model.js';
import { cliPackageTest, isTooling, manifestEntries, testOnlyModules } from '../../program/tooling.js';
import type { Rule } from '../types.js';

const HOW: Record<string, string> = {
  fetch: 'pass `signal: AbortSignal.timeout(ms)`',
  'node-fetch': 'pass `signal: AbortSignal.timeout(ms)`',
  axios: 'set `timeout` on the call or on the `axios.create` instance',
  got: 'set `timeout: { request: ms }`',
  '@nestjs/axios': 'register the module with a timeout (`HttpModule.register({ timeout })`) or pass `timeout` on the call',
  undici: 'set `headersTimeout` and `bodyTimeout` (or a `signal`)',
  http: 'set `timeout` in the options or call `req.setTimeout(ms)`',
  https: 'set `timeout` in the options or call `req.setTimeout(ms)`',
};

/**
 * A literal URL on this machine with an explicit port (`http://localhost:2022/…`): a local dev server
 * or tunnel, not an upstream. Without a port (`http://localhost/users`) it is usually a sidecar or a
 * proxy standing for another service, which can hang like any upstream: still reported.
 */
const LOCAL_URL = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\]|0\.0\.0\.0):\d+([/?#]|$)/;

function localTarget(call: ResolvedCall): boolean {
  const url = call.site.args?.[0];
  return (url?.kind === 'string' && LOCAL_URL.test(url.value)) || (url?.kind === 'text' && LOCAL_URL.test(url.head));
}

export const outboundCallWithoutTimeout: Rule = {
  meta: {
    id: 'outbound-call-without-timeout',
    category: 'performance',
    severity: 'warn',
    title: 'Outbound HTTP calls carry a timeout or an abort signal',
    why: 'Without a timeout a request to a slow or silent upstream waits for minutes (fetch and axios wait forever by default), holding the caller, its socket and its memory; under load these pile up until the service itself stops answering.',
    fix: 'Bound every outbound call: `fetch(url, { signal: AbortSignal.timeout(5000) })`, an `axios.create({ timeout })` instance or `axios.defaults.timeout`, `got` with `timeout: { request }`, `undici` with `headersTimeout`/`bodyTimeout`, `http.request` with `timeout`.',
    models: ['program', 'http'],
  },
  check({ models, report, project }) {
    const cli = cliPackageTest(project.manifests);
    const unbounded = new Map<ResolvedCall, OutboundRequest>();
    for (const request of outboundRequests(models)) {
      const { call } = request;
      // Scripts and CLIs run in a terminal; a dev-only branch or a local URL never reaches an upstream.
      if (request.timeout !== 'unbounded' || isTooling(call.file) || cli(call.file) || call.site.devOnly || localTarget(call)) continue;
      unbounded.set(call, request);
    }
    const inRequests = new Map(callsInRequests(models.routes, models.calls, (call) => unbounded.has(call)).map((entry) => [entry.call, entry] as const));
    let testOnly: Set<string> | undefined;
    const testOnlyOf = () => {
      const routeFiles = new Set(models.routes.map((route) => route.file));
      const started = manifestEntries(project.manifests);
      return testOnlyModules(project.graph.edges, isApplicationCode, (file) => routeFiles.has(file) || started(file));
    };
    for (const [call, request] of unbounded) {
      const reached = inRequests.get(call);
      // A client no route reaches, in a module only tests import (an e2e helper kept beside the service), is test code.
      if (!reached && (testOnly ??= testOnlyOf()).has(call.file)) continue;
      // The route is named only when the handler waits for the call: a fire-and-forget step on the way means no response waits on it.
      const entry = reached && ![...reached.path.map((step) => step.call), call].some((step) => detached(step, models.calls)) ? reached : undefined;
      const where = entry ? ` while serving ${routeSuffix(entry)}` : '';
      report({
        file: call.file,
        line: call.site.line,
        column: call.site.column,
        message: `\`${request.what}\` is called without a timeout or abort signal${where}: ${HOW[request.library] ?? 'bound its time'}.`,
        anchor: `${request.what}:${call.site.text}`,
        ...(entry ? { route: routeLabel(entry.route), trace: entry.trace } : {}),
      });
    }
  },
};
