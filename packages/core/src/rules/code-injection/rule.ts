import { classifiedCallsInRequests, routeSuffix } from '../../program/handler-reach.js';
import { routeLabel } from '../../program/http/route.js';
import { codeSinkOf } from '../../program/sinks/code.js';
import { requestTaint } from '../../program/taint.js';
import type { Rule } from '../types.js';

export const codeInjection: Rule = {
  meta: {
    id: 'code-injection',
    category: 'security',
    severity: 'error',
    title: 'Request data never becomes code or a shell command',
    why: 'Code built from what a client sent runs with the service\'s rights: `eval`, `new Function` and `vm` (which is not a security boundary) execute it in the process, and a shell interprets `;`, `|`, `$( )` and backticks in a command line. One request reads the environment and its secrets, the file system and the database, or opens a reverse shell.',
    fix: 'Do not evaluate input: parse it (`JSON.parse`, a schema), map it to an allow-list of operations, or use a safe expression library with no access to the process. Run programs with `execFile`/`spawn` and an argument array, without a shell, after validating each argument.',
    models: ['program', 'http'],
  },
  check({ models, report }) {
    const withInputs = (call: Parameters<typeof codeSinkOf>[0]) => {
      const sink = codeSinkOf(call, models.linker);
      return sink?.inputs.length ? sink : null;
    };
    for (const entry of classifiedCallsInRequests(models.routes, models.calls, withInputs)) {
      const sink = entry.match;
      const source = sink.inputs.map((input) => requestTaint(entry.call.file, input, entry.path, models.calls, models.linker)).find(Boolean);
      if (!source) continue;
      const runs = sink.runs === 'shell' ? 'a shell command built from' : 'code built from';
      report({
        file: entry.call.file,
        line: entry.call.site.line,
        column: entry.call.site.column,
        message: `\`${sink.what}\` runs ${runs} \`${source.text}\` while serving ${routeSuffix(entry)}: the client chooses what the server executes.`,
        anchor: `${sink.what}:${entry.call.site.text}:${source.text}`,
        route: routeLabel(entry.route),
        trace: entry.trace,
      });
    }
  },
};
