import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../src/analyze.js';
import { jsonReporter } from '../src/reporters/json.js';
import { markdownReporter } from '../src/reporters/markdown.js';
import { prettyReporter } from '../src/reporters/pretty.js';
import { sarifReporter } from '../src/reporters/sarif.js';
import { RESULT_SCHEMA_VERSION, type AnalysisResult } from '../src/types.js';
import { makeRepo } from './helpers/temp-repo.js';

const require = createRequire(import.meta.url);
// Both are CommonJS packages whose default export is the module itself.
const AjvDraft04 = require('ajv-draft-04') as typeof import('ajv-draft-04').default;
const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;

let result: AnalysisResult;
beforeAll(async () => {
  const root = makeRepo({
    'package.json': '{"name":"orders","dependencies":{"express":"^5.1.0","pg":"^8.0.0","zod":"^4.0.0"}}',
    'src/domain/order.ts': "import { Pool } from 'pg';\nimport { save } from '../infrastructure/order-repository';\nexport const limit = process.env.ORDER_LIMIT;\nexport class Order { constructor(readonly pool: Pool) {} persist() { return save(this); } }\n",
    'src/infrastructure/order-repository.ts': "import type { Order } from '../domain/order';\nexport async function save(order: Order) { return order; }\n",
    'src/interfaces/http/routes.ts': "import { Router } from 'express';\nimport { placeOrder } from '../../application/place-order';\nexport const router = Router();\nrouter.post('/orders', (req, res) => { res.status(201).json(placeOrder()); });\n",
    'src/application/place-order.ts': "import { Order } from '../domain/order';\nexport const placeOrder = () => Order.name;\n",
    'src/broken.ts': 'export const = ;\n',
  });
  result = await analyze({ root, cache: false });
});

/** The result with one finding carrying the route and trace the program models attach. */
function withTrace(base: AnalysisResult): AnalysisResult {
  const [first, ...rest] = base.findings;
  return {
    ...base,
    findings: [
      {
        ...first!,
        route: 'POST /orders',
        trace: [
          { file: 'src/interfaces/http/routes.ts', line: 4, column: 1, message: 'handler of POST /orders calls placeOrder' },
          { file: 'src/application/place-order.ts', line: 2, column: 29, message: 'placeOrder reads Order' },
        ],
      },
      ...rest,
    ],
  };
}

describe('reporters', () => {
  it('shows a finding\'s route and trace in every reporter, and as a SARIF code flow', () => {
    const traced = withTrace(result);
    const pretty = prettyReporter(traced);
    expect(pretty).toContain('POST /orders  ');
    expect(pretty).toContain('      1. src/interfaces/http/routes.ts:4  handler of POST /orders calls placeOrder');
    expect(pretty).toContain('      2. src/application/place-order.ts:2  placeOrder reads Order');
    const markdown = markdownReporter(traced);
    expect(markdown).toContain('**POST /orders** ');
    expect(markdown).toContain('<br>1. `src/interfaces/http/routes.ts:4` handler of POST /orders calls placeOrder<br>2. `src/application/place-order.ts:2` placeOrder reads Order');
    const sarif = JSON.parse(sarifReporter(traced));
    expect(sarif.runs[0].results[0].properties).toEqual({ route: 'POST /orders' });
    expect(sarif.runs[0].results[0].codeFlows[0].threadFlows[0].locations.map((entry: { location: { message: { text: string } } }) => entry.location.message.text)).toEqual([
      'handler of POST /orders calls placeOrder',
      'placeOrder reads Order',
    ]);
    const schema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json') as object;
    const ajv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    validate(sarif);
    expect(validate.errors ?? []).toEqual([]);
    expect(JSON.parse(jsonReporter(traced)).findings[0].trace).toHaveLength(2);
  });

  it('SARIF output validates against the official SARIF 2.1.0 schema', () => {
    const schema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json') as object;
    // The official schema is draft-04 and uses patterns written for non-unicode regular expressions.
    const ajv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const log = JSON.parse(sarifReporter(result));
    const valid = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(log.runs[0].results.length).toBe(result.findings.length);
    expect(log.runs[0].results[0].partialFingerprints['strata/v1']).toBe(result.findings[0]!.fingerprint);
  });

  it('JSON output carries the schema version and round-trips the result', () => {
    const parsed = JSON.parse(jsonReporter(result));
    expect(parsed.schemaVersion).toBe(RESULT_SCHEMA_VERSION);
    expect(parsed.findings).toEqual(result.findings);
    expect(Object.keys(parsed).sort()).toEqual(['baselined', 'context', 'findings', 'graph', 'layers', 'root', 'routes', 'schemaVersion', 'stats', 'tool']);
  });

  it('pretty output shows context, scorecard, the layer diagram with violating arrows, and grouped findings', () => {
    const text = prettyReporter(result, { color: false });
    expect(text).toContain('Framework     Express');
    expect(text).toContain('Data          ORM — · database PostgreSQL');
    expect(text).toMatch(/architecture\s+[█░]{10}\s+\d+\s+\d errors?/);
    expect(text).toMatch(/domain ─✗─► infrastructure\s+1 import\s+not allowed/);
    expect(text).toContain('✖ error  domain-purity');
    expect(text).toContain('src/domain/order.ts:1:1  Domain file imports an ORM or database driver (pg).');
    expect(text).toContain('src/domain/order.ts:3:22  Domain file reads `process.env`');
    expect(text).toContain('src/broken.ts:1:');
    expect(text).not.toContain('\u001b[');
    expect(prettyReporter(result, { color: true })).toContain('\u001b[31m');
  });

  it('markdown output is a PR comment with a scorecard table and one section per rule', () => {
    const text = markdownReporter(result);
    expect(text).toContain('## Strata review');
    expect(text).toContain('| architecture |');
    expect(text).toContain('<b>layer-direction</b>');
    expect(text).toContain('`domain → infrastructure` (1)');
  });
});
