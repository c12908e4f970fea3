import { describe, expect, it } from 'vitest';
import { EXPRESS, FASTIFY, NEST, runRule } from '../../../test/helpers/rule-tester.js';

const RULE = 'config-validation';

/** An Express service whose routes live in modules that each read their own variables. */
function expressService(readers: Record<string, string>, extra: Record<string, string> = {}): Record<string, string> {
  const names = Object.keys(readers);
  const server = `import express from 'express';\n${names.map((name) => `import { ${name} } from './${name}.js';\n`).join('')}const app = express();\n${names.map((name) => `app.get('/${name}', ${name});\n`).join('')}app.listen(Number(process.env.PORT ?? 3000));\n`;
  return { 'src/server.ts': server, ...Object.fromEntries(Object.entries(readers).map(([name, body]) => [`src/${name}.ts`, `import type { Request, Response } from 'express';\nexport function ${name}(req: Request, res: Response) {\n${body}}\n`])), ...extra };
}

const FIVE_READERS = {
  mail: `  res.json({ host: process.env.SMTP_HOST });\n`,
  pay: `  res.json({ key: process.env['STRIPE_KEY'] });\n`,
  maps: `  const { MAPS_TOKEN } = process.env;\n  res.json({ token: MAPS_TOKEN });\n`,
  ai: `  res.json({ model: process.env.AI_MODEL ?? 'small' });\n`,
  files: `  res.json({ bucket: process.env.BUCKET });\n`,
};

describe('config-validation', () => {
  it('fires once on an Express service whose modules read process.env with nothing validating it', async () => {
    const { lines, findings } = await runRule(RULE, { dependencies: EXPRESS, files: expressService(FIVE_READERS) });
    expect(lines).toEqual(['src/ai.ts:3:21 6 modules read `process.env` directly (src/ai.ts, src/files.ts, src/mail.ts and 3 more; 6 variables), and no module validates the environment: a missing or malformed variable surfaces on the first request that needs it.']);
    expect(findings[0]!.severity).toBe('warn');
  });

  it('fires as a notice when a validated config exists (NestJS ConfigModule with a schema) but modules read around it', async () => {
    const providers = ['mail', 'pay', 'maps', 'ai', 'files'];
    const { lines, findings } = await runRule(RULE, {
      dependencies: { ...NEST, '@nestjs/config': '^3.0.0', joi: '^17.0.0' },
      files: {
        'src/app.module.ts': `import { Module } from '@nestjs/common';\nimport { ConfigModule } from '@nestjs/config';\nimport Joi from 'joi';\n${providers.map((name) => `import { ${name}Provider } from './${name}.provider';\n`).join('')}@Module({ imports: [ConfigModule.forRoot({ validationSchema: Joi.object({ PORT: Joi.number() }) })], providers: [${providers.map((name) => `${name}Provider`).join(', ')}] })\nexport class AppModule {}\n`,
        ...Object.fromEntries(providers.map((name) => [`src/${name}.provider.ts`, `export const ${name}Provider = { provide: '${name.toUpperCase()}', useValue: process.env.${name.toUpperCase()}_URL };\n`])),
        'src/main.ts': `import { NestFactory } from '@nestjs/core';\nimport { AppModule } from './app.module';\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule);\n  await app.listen(3000);\n}\nvoid bootstrap();\n`,
      },
    });
    expect(lines).toEqual(['src/ai.provider.ts:1:54 5 modules read `process.env` directly (src/ai.provider.ts, src/files.provider.ts, src/mail.provider.ts and 2 more; 5 variables) around the validated config in src/app.module.ts: those reads skip its checks and types.']);
    expect(findings[0]!.severity).toBe('info');
  });

  it('stays quiet on a Fastify service that reads the environment only in a config module validated with Zod', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...FASTIFY, zod: '^3.23.0' },
      files: {
        'src/config/env.ts': `import { z } from 'zod';\nconst schema = z.object({ PORT: z.coerce.number().default(3000), DATABASE_URL: z.string().url() });\nexport const config = Object.freeze(schema.parse(process.env));\n`,
        'src/server.ts': `import Fastify from 'fastify';\nimport { config } from './config/env.js';\nconst app = Fastify();\nprocess.env.OTEL_SDK_DISABLED ??= 'true';\nif (process.env.NODE_ENV === 'development') app.log.info('dev');\nawait app.listen({ port: config.PORT });\n`,
      },
    });
    expect(lines).toEqual([]);
  });

  it('stays quiet below the threshold, on NODE_ENV and system variables, on modules nothing imports, and on CLIs', async () => {
    const few = await runRule(RULE, { dependencies: EXPRESS, files: expressService({ mail: FIVE_READERS.mail, pay: FIVE_READERS.pay, home: `  res.json({ home: process.env.HOME, mode: process.env.NODE_ENV });\n` }) });
    expect(few.lines).toEqual([]);
    const unimported = await runRule(RULE, {
      dependencies: EXPRESS,
      files: expressService({ mail: FIVE_READERS.mail }, Object.fromEntries(['a', 'b', 'c', 'd', 'e'].map((name) => [`src/snippets/${name}.ts`, `export const value = process.env.${name.toUpperCase()};\n`]))),
    });
    expect(unimported.lines).toEqual([]);
    const cli = await runRule(RULE, {
      files: { ...expressService(FIVE_READERS), 'package.json': JSON.stringify({ name: 'tool', type: 'module', bin: { tool: 'dist/server.js' }, dependencies: EXPRESS }) },
    });
    expect(cli.lines).toEqual([]);
  });
});
