import { describe, expect, it } from 'vitest';
import { EXPRESS, FASTIFY, NEST, runRule } from '../../../test/helpers/rule-tester.js';

const RULE = 'path-traversal';

describe('path-traversal', () => {
  it('fires on Express sendFile of a joined route parameter and on a write a service makes under a body value, with the trace', async () => {
    const { lines, findings } = await runRule(RULE, {
      dependencies: EXPRESS,
      files: {
        'src/storage.ts': `import { writeFile } from 'node:fs/promises';\nimport path from 'node:path';\nexport async function save(name: string, data: string) {\n  await writeFile(path.join('/var/app/uploads', name), data);\n}\n`,
        'src/app.ts': `import express from 'express';\nimport path from 'node:path';\nimport { save } from './storage';\nconst app = express();\napp.get('/files/:name', (req, res) => {\n  res.sendFile(path.resolve('public/files', req.params.name));\n});\napp.post('/notes', async (req, res) => {\n  await save(req.body.title, req.body.text);\n  res.sendStatus(201);\n});\n`,
      },
    });
    expect(lines).toEqual([
      'src/app.ts:6:3 `res.sendFile` opens a path built from `req.params.name` with no check while serving GET /files/:name: `../` in the value lets a client read any file the service can read (configuration, keys, source). [GET /files/:name]',
      'src/storage.ts:4:9 `fs.writeFile` opens a path built from `req.body.title` with no check while serving POST /notes: `../` in the value lets a client write files anywhere the service can write. [POST /notes]',
    ]);
    expect(findings.map((finding) => finding.severity)).toEqual(['error', 'error']);
    expect(findings[1]!.trace!.map((step) => `${step.file}:${step.line} ${step.message}`)).toEqual(['src/app.ts:8 POST /notes is handled by <anonymous>', 'src/app.ts:9 calls save', 'src/storage.ts:4 calls writeFile']);
  });

  it('fires on a NestJS @Query() file name read with fs/promises and a Fastify route streaming a joined parameter', async () => {
    const nest = await runRule(RULE, {
      dependencies: NEST,
      files: {
        'src/app.module.ts': `import { Module } from '@nestjs/common';\nimport { ExportsController } from './exports.controller';\n@Module({ controllers: [ExportsController] })\nexport class AppModule {}\n`,
        'src/exports.controller.ts': `import { Controller, Get, Query } from '@nestjs/common';\nimport { readFile } from 'node:fs/promises';\nimport { join } from 'node:path';\n@Controller('exports')\nexport class ExportsController {\n  @Get()\n  download(@Query('file') file: string) {\n    return readFile(join(process.cwd(), 'exports', file), 'utf8');\n  }\n}\n`,
      },
    });
    expect(nest.lines).toEqual(['src/exports.controller.ts:8:12 `fs.readFile` opens a path built from `file` with no check while serving GET /exports: `../` in the value lets a client read any file the service can read (configuration, keys, source). [GET /exports]']);
    const fastify = await runRule(RULE, {
      dependencies: FASTIFY,
      files: { 'src/app.ts': `import Fastify from 'fastify';\nimport fs from 'node:fs';\nimport path from 'node:path';\nconst app = Fastify();\napp.get('/logs/:name', async (request, reply) => {\n  const { name } = request.params as { name: string };\n  return reply.send(fs.createReadStream(path.join('/var/log/app', name)));\n});\n` },
    });
    expect(fastify.lines).toEqual(['src/app.ts:7:21 `fs.createReadStream` opens a path built from `request.params.name` with no check while serving GET /logs/:name: `../` in the value lets a client read any file the service can read (configuration, keys, source). [GET /logs/:name]']);
  });

  it('stays quiet on checked names, basename, sendFile with a root, constant paths and code no route reaches; a fixed file ending is a notice', async () => {
    const { lines, findings } = await runRule(RULE, {
      dependencies: EXPRESS,
      files: {
        'scripts/clean.ts': `import { rm } from 'node:fs/promises';\nexport const clean = (dir: string) => rm(dir, { recursive: true });\n`,
        'src/app.ts': `import express from 'express';\nimport fs from 'node:fs';\nimport path from 'node:path';\nconst app = express();\nconst ROOT = path.resolve('public');\napp.get('/a/:name', (req, res) => {\n  if (req.params.name.includes('/')) return res.sendStatus(400);\n  res.sendFile(path.join(ROOT, req.params.name));\n});\napp.get('/b/:name', (req, res) => {\n  res.sendFile(path.join(ROOT, path.basename(req.params.name)));\n});\napp.get('/c/:name', (req, res) => {\n  res.sendFile(req.params.name, { root: ROOT });\n});\napp.get('/d/:name', (req, res) => {\n  const full = path.resolve(ROOT, req.params.name);\n  if (!full.startsWith(ROOT + path.sep)) return res.sendStatus(403);\n  res.sendFile(full);\n});\napp.get('/e', (req, res) => {\n  res.send(fs.readFileSync(path.join(ROOT, 'index.html'), 'utf8'));\n});\napp.post('/f', (req, res) => {\n  res.send(fs.readFileSync('./data/snippets/' + req.body.key + '.info.yml', 'utf8'));\n});\n`,
      },
    });
    expect(lines).toEqual(['src/app.ts:25:12 `fs.readFileSync` opens a path built from `req.body.key` with no check while serving POST /f; the path ends in `.info.yml`, so only files with that ending outside the folder can be reached (a notice). [POST /f]']);
    expect(findings[0]!.severity).toBe('info');
  });
});
