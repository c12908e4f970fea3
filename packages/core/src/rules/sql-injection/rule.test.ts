import { describe, expect, it } from 'vitest';
import { EXPRESS, FASTIFY, NEST, runRule } from '../../../test/helpers/rule-tester.js';

const RULE = 'sql-injection';

describe('sql-injection', () => {
  it('fires on request input spliced into a pg query in an Express route, through a variable, a fallback and a string method', async () => {
    const { lines, findings } = await runRule(RULE, {
      dependencies: { ...EXPRESS, pg: '^8.12.0' },
      files: {
        'src/db.ts': `import { Pool } from 'pg';\nexport const pool = new Pool({ connectionString: process.env.DATABASE_URL, statement_timeout: 5000 });\n`,
        'src/app.ts': `import express from 'express';\nimport { pool } from './db';\nconst app = express();\napp.get('/products', async (req, res) => {\n  let term = req.query.q === undefined ? '' : String(req.query.q);\n  term = term.trim().slice(0, 200);\n  const { rows } = await pool.query(\`SELECT * FROM products WHERE name LIKE '%\${term}%'\`);\n  res.json(rows);\n});\napp.post('/login', async (req, res) => {\n  const sql = "SELECT id FROM users WHERE email = '" + (req.body.email || '') + "'";\n  const { rows } = await pool.query(sql);\n  res.json(rows[0] ?? null);\n});\n`,
      },
    });
    expect(lines).toEqual([
      "src/app.ts:7:26 `pool.query` (pg query) runs SQL with `req.query.q` spliced into its text while serving GET /products: a quote in the value rewrites the statement. [GET /products]",
      "src/app.ts:12:26 `pool.query` (pg query) runs SQL with `req.body.email` spliced into its text while serving POST /login: a quote in the value rewrites the statement. [POST /login]",
    ]);
    expect(findings[0]!.severity).toBe('error');
  });

  it('fires through a Fastify route into a repository function of another file (mysql2), with the trace', async () => {
    const { lines, findings } = await runRule(RULE, {
      dependencies: { ...FASTIFY, mysql2: '^3.11.0' },
      files: {
        'src/db.ts': `import mysql from 'mysql2/promise';\nexport const db = mysql.createPool({ uri: process.env.DATABASE_URL, connectTimeout: 5000 });\n`,
        'src/orders.repository.ts': `import { db } from './db';\nexport async function ordersOf(customer: string) {\n  const [rows] = await db.query('SELECT * FROM orders WHERE customer = "' + customer + '" ORDER BY id LIMIT 50');\n  return rows;\n}\n`,
        'src/app.ts': `import Fastify from 'fastify';\nimport { ordersOf } from './orders.repository';\nconst app = Fastify();\napp.get('/customers/:name/orders', async (request) => {\n  const { name } = request.params as { name: string };\n  return ordersOf(name);\n});\n`,
      },
    });
    expect(lines).toEqual(['src/orders.repository.ts:3:24 `db.query` (mysql2 query) runs SQL with `request.params.name` spliced into its text while serving GET /customers/:name/orders: a quote in the value rewrites the statement. [GET /customers/:name/orders]']);
    expect(findings[0]!.trace!.map((step) => `${step.file}:${step.line} ${step.message}`)).toEqual([
      'src/app.ts:4 GET /customers/:name/orders is handled by <anonymous>',
      'src/app.ts:6 calls ordersOf',
      'src/orders.repository.ts:3 calls db.query',
    ]);
  });

  it('fires on a NestJS @Query() parameter spliced into TypeORM and Prisma raw queries, and stays quiet on the tagged $queryRaw', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...NEST, typeorm: '^0.3.20', '@prisma/client': '^6.0.0' },
      files: {
        'src/app.module.ts': `import { Module } from '@nestjs/common';\nimport { ReportsController } from './reports.controller';\nimport { ReportsService } from './reports.service';\n@Module({ controllers: [ReportsController], providers: [ReportsService] })\nexport class AppModule {}\n`,
        'src/reports.controller.ts': `import { Controller, Get, Query } from '@nestjs/common';\nimport { ReportsService } from './reports.service';\n@Controller('reports')\nexport class ReportsController {\n  constructor(private readonly reports: ReportsService) {}\n  @Get()\n  list(@Query('region') region: string) {\n    return this.reports.byRegion(region);\n  }\n}\n`,
        'src/reports.service.ts': `import { Injectable } from '@nestjs/common';\nimport { DataSource } from 'typeorm';\nimport { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\nconst dataSource = new DataSource({ type: 'postgres' });\n@Injectable()\nexport class ReportsService {\n  async byRegion(region: string) {\n    const a = await dataSource.query(\`SELECT * FROM sales WHERE region = '\${region}'\`);\n    const b = await prisma.$queryRawUnsafe('SELECT * FROM sales WHERE region = ' + region);\n    const c = await prisma.$queryRaw\`SELECT * FROM sales WHERE region = \${region}\`;\n    return { a, b, c };\n  }\n}\n`,
      },
    });
    expect(lines).toEqual([
      "src/reports.service.ts:9:21 `dataSource.query` (typeorm query) runs SQL with `region` spliced into its text while serving GET /reports: a quote in the value rewrites the statement. [GET /reports]",
      "src/reports.service.ts:10:21 `prisma.$queryRawUnsafe` (prisma $queryRawUnsafe) runs SQL with `region` spliced into its text while serving GET /reports: a quote in the value rewrites the statement. [GET /reports]",
    ]);
  });

  it('stays quiet on bound parameters, numbers, escaped values, allow-listed identifiers, constants and SQL no request reaches', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...EXPRESS, pg: '^8.12.0' },
      files: {
        'src/db.ts': `import { Pool } from 'pg';\nexport const pool = new Pool({ connectionString: process.env.DATABASE_URL, statement_timeout: 5000 });\nexport const escapeLiteral = (value: string) => "'" + value.replaceAll("'", "''") + "'";\n`,
        'src/jobs.ts': `import { pool } from './db';\nexport async function purge(table: string) {\n  await pool.query('DELETE FROM ' + table + ' WHERE created_at < now() - interval \\'30 days\\'');\n}\n`,
        'src/app.ts': `import express from 'express';\nimport { pool, escapeLiteral } from './db';\nconst app = express();\nconst SORTABLE: Record<string, string> = { name: 'name', date: 'created_at' };\nconst TABLE = process.env.PRODUCTS_TABLE ?? 'products';\napp.get('/products', async (req, res) => {\n  const limit = Number(req.query.limit ?? 20);\n  const column = SORTABLE[String(req.query.sort)] ?? 'id';\n  const a = await pool.query('SELECT * FROM products WHERE name = $1', [req.query.q]);\n  const b = await pool.query(\`SELECT * FROM \${TABLE} ORDER BY \${column} LIMIT \${limit}\`);\n  const c = await pool.query('SELECT * FROM products WHERE name = ' + escapeLiteral(String(req.query.q)));\n  res.json([a.rows, b.rows, c.rows]);\n});\n`,
      },
    });
    expect(lines).toEqual([]);
  });
});
