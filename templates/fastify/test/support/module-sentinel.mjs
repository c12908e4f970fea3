// Preloaded (node --import) to report, when the process exits, which OpenTelemetry packages it loaded:
// CommonJS modules, including those imported from ES modules, all pass through Module._load.
import Module from 'node:module';

const loaded = new Set();
const load = Module._load;
Module._load = function (request, parent, isMain) {
  const match = /@opentelemetry\/[\w-]+/.exec(request);
  if (match) loaded.add(match[0]);
  return load.call(this, request, parent, isMain);
};
process.on('exit', () => process.stderr.write(`OTEL-MODULES ${JSON.stringify([...loaded].sort())}\n`));
