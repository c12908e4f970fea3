import type { ResolvedCall } from '../../program/call-graph.js';
import { classifiedCallsInRequests, routeSuffix, type CallInRequest } from '../../program/handler-reach.js';
import type { ProgramModels } from '../../program/models.js';
import { routeLabel } from '../../program/http/route.js';
import { longWorkOf, type LongWork } from '../../program/work/long-work.js';
import type { Rule } from '../types.js';

const WAITS_ON: Record<LongWork['kind'], string> = {
  'e-mail': 'the response waits on the mail server, and a failure loses the message',
  PDF: 'rendering holds CPU and memory for the length of the request',
  'image processing': 'resizing and encoding hold CPU and memory for the length of the request',
  'spreadsheet export': 'the whole workbook is built in memory while the client waits',
};

/** The function a call sits in, climbing out of callbacks (`.then(…)`, `.catch(…)`) to the one that owns them; -1 at module level. */
function outermostFunction(models: ProgramModels, call: ResolvedCall): number {
  const functions = models.linker.summary(call.file)?.functions ?? [];
  let fn = call.site.fn;
  for (let depth = 0; fn >= 0 && (functions[fn]?.parent ?? -1) >= 0 && depth < 16; depth++) fn = functions[fn]!.parent;
  return fn;
}

/** The work runs with the request: an eager builder, or a call whose promise the request waits on (not dropped, not `void`-ed). */
function inline(call: ResolvedCall): LongWork | null {
  const work = longWorkOf(call);
  if (!work) return null;
  if (!work.eager && (call.site.use === 'statement' || call.site.use === 'void')) return null;
  return work;
}

export const longWorkInRequest: Rule = {
  meta: {
    id: 'long-work-in-request',
    category: 'performance',
    severity: 'warn',
    title: 'Slow side work (e-mail, PDF, images, exports) goes to a queue, not inline in a request',
    why: 'Sending e-mail, rendering PDFs, processing images or building spreadsheets takes hundreds of milliseconds to seconds and can fail for reasons the client cannot fix; done inline, it adds that time to the response, holds memory and CPU on the request path, and a crash or timeout loses the work with no retry.',
    fix: 'Put a job on a queue (BullMQ, SQS, a transactional outbox) and answer `202 Accepted` or the resource at once; let a worker do the work with retries, and notify or let the client poll when it is done.',
    models: ['program', 'http'],
  },
  check({ models, report }) {
    // One finding per function and kind of work: a send and its retry in a `.catch` are one design
    // choice (mail inline), fixed once by moving that function's work to a queue.
    const byFunction = new Map<string, { entry: CallInRequest & { match: LongWork }; count: number }>();
    for (const entry of classifiedCallsInRequests(models.routes, models.calls, inline)) {
      const key = `${entry.call.file}#${outermostFunction(models, entry.call)}#${entry.match.kind}`;
      const known = byFunction.get(key);
      if (!known) byFunction.set(key, { entry, count: 1 });
      else {
        known.count++;
        if (entry.call.site.line < known.entry.call.site.line) known.entry = entry;
      }
    }
    for (const { entry, count } of byFunction.values()) {
      const work = entry.match;
      const more = count > 1 ? ` (${count} calls in this function)` : '';
      report({
        file: entry.call.file,
        line: entry.call.site.line,
        column: entry.call.site.column,
        message: `${work.kind[0]!.toUpperCase()}${work.kind.slice(1)} (\`${work.what}\`)${more} runs inline while serving ${routeSuffix(entry)}: ${WAITS_ON[work.kind]}.`,
        anchor: `${work.what}:${entry.call.site.text}`,
        route: routeLabel(entry.route),
        trace: entry.trace,
      });
    }
  },
};
