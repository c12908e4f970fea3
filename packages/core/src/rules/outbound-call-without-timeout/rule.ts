import type { ResolvedCall } from '../../program/call-graph.js';
import { callsInRequests, routeSuffix } from '../../program/handler-reach.js';
import { routeLabel } from '../../program/http/route.js';
import { outboundRequests, type OutboundRequest } from '../../program/outbound/model.js';
import { isTooling } from '../../program/tooling.js';
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
  check({ models, report }) {
    const unbounded = new Map<ResolvedCall, OutboundRequest>();
    for (const request of outboundRequests(models)) if (request.timeout === 'unbounded' && !isTooling(request.call.file)) unbounded.set(request.call, request);
    const inRequests = new Map(callsInRequests(models.routes, models.calls, (call) => unbounded.has(call)).map((entry) => [entry.call, entry] as const));
    for (const [call, request] of unbounded) {
      const entry = inRequests.get(call);
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
