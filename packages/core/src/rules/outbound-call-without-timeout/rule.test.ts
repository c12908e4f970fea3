import { describe, expect, it } from 'vitest';
import { EXPRESS, FASTIFY, NEST, runRule } from '../../../test/helpers/rule-tester.js';

const RULE = 'outbound-call-without-timeout';

describe('outbound-call-without-timeout', () => {
  it('fires on axios calls without a timeout, naming the route that reaches one and tracing it, and on a fetch no route reaches', async () => {
    const { lines, findings } = await runRule(RULE, {
      dependencies: { ...EXPRESS, axios: '^1.7.0' },
      files: {
        'src/app.ts': `import express from 'express';\nimport { quote } from './services/rates';\nconst app = express();\napp.get('/quote/:currency', async (req, res) => {\n  res.json(await quote(req.params.currency));\n});\nexport default app;\n`,
        'src/services/rates.ts': `import axios from 'axios';\nexport async function quote(currency: string) {\n  const { data } = await axios.get('https://rates.example.com/' + currency, { headers: { accept: 'application/json' } });\n  return data;\n}\nexport async function refresh() {\n  await axios.post('https://rates.example.com/refresh', {});\n}\n`,
        'src/jobs/warm.ts': `export async function warm() {\n  const response = await fetch('https://cache.example.com/warm', { method: 'POST' });\n  return response.ok;\n}\n`,
      },
    });
    expect(lines).toEqual([
      'src/jobs/warm.ts:2:26 `fetch` is called without a timeout or abort signal: pass `signal: AbortSignal.timeout(ms)`.',
      "src/services/rates.ts:3:26 `axios.get` is called without a timeout or abort signal while serving GET /quote/:currency: set `timeout` on the call or on the `axios.create` instance. [GET /quote/:currency]",
      "src/services/rates.ts:7:9 `axios.post` is called without a timeout or abort signal: set `timeout` on the call or on the `axios.create` instance.",
    ]);
    expect(findings[1]!.trace!.map((step) => `${step.file}:${step.line} ${step.message}`)).toEqual([
      'src/app.ts:4 GET /quote/:currency is handled by <anonymous>',
      'src/app.ts:5 calls quote',
      'src/services/rates.ts:3 calls axios.get',
    ]);
  });

  it('fires on fetch, got and http.get without a bound in a Fastify route', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...FASTIFY, got: '^14.0.0' },
      files: {
        'src/app.ts': `import Fastify from 'fastify';\nimport got from 'got';\nimport https from 'node:https';\nconst app = Fastify();\napp.get('/status', async () => {\n  const upstream = await fetch('https://upstream.example.com/health', { headers: { accept: 'application/json' } });\n  const body = await got.post('https://audit.example.com', { json: { at: Date.now() } }).json();\n  https.get('https://ping.example.com', (res) => res.resume());\n  return { upstream: upstream.ok, body };\n});\n`,
      },
    });
    expect(lines).toEqual([
      'src/app.ts:6:26 `fetch` is called without a timeout or abort signal while serving GET /status: pass `signal: AbortSignal.timeout(ms)`. [GET /status]',
      'src/app.ts:7:22 `got.post` is called without a timeout or abort signal while serving GET /status: set `timeout: { request: ms }`. [GET /status]',
      'src/app.ts:8:3 `https.get` is called without a timeout or abort signal while serving GET /status: set `timeout` in the options or call `req.setTimeout(ms)`. [GET /status]',
    ]);
  });

  it('fires on an axios instance created without a timeout and on undici.request in a NestJS provider', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...NEST, axios: '^1.7.0', undici: '^6.0.0' },
      files: {
        'src/app.module.ts': `import { Module } from '@nestjs/common';\nimport { PaymentsController } from './payments.controller';\nimport { PaymentsService } from './payments.service';\n@Module({ controllers: [PaymentsController], providers: [PaymentsService] })\nexport class AppModule {}\n`,
        'src/payments.controller.ts': `import { Controller, Post, Param } from '@nestjs/common';\nimport { PaymentsService } from './payments.service';\n@Controller('payments')\nexport class PaymentsController {\n  constructor(private readonly payments: PaymentsService) {}\n  @Post(':id/capture')\n  capture(@Param('id') id: string) {\n    return this.payments.capture(id);\n  }\n}\n`,
        'src/psp.ts': `import axios from 'axios';\nexport const psp = axios.create({ baseURL: 'https://psp.example.com' });\n`,
        'src/payments.service.ts': `import { Injectable } from '@nestjs/common';\nimport { request } from 'undici';\nimport { psp } from './psp';\n@Injectable()\nexport class PaymentsService {\n  async capture(id: string) {\n    await request('https://ledger.example.com/' + id, { method: 'POST' });\n    return psp.post('/captures', { id });\n  }\n}\n`,
      },
    });
    expect(lines).toEqual([
      'src/payments.service.ts:7:11 `undici.request` is called without a timeout or abort signal while serving POST /payments/:id/capture: set `headersTimeout` and `bodyTimeout` (or a `signal`). [POST /payments/:id/capture]',
      'src/payments.service.ts:8:12 `axios.post` is called without a timeout or abort signal while serving POST /payments/:id/capture: set `timeout` on the call or on the `axios.create` instance. [POST /payments/:id/capture]',
    ]);
  });

  it('fires on the NestJS HttpService when HttpModule is imported without a timeout', async () => {
    const files = (moduleImport: string) => ({
      'src/app.module.ts': `import { Module } from '@nestjs/common';\nimport { HttpModule } from '@nestjs/axios';\nimport { WeatherController } from './weather.controller';\nimport { WeatherService } from './weather.service';\n@Module({ imports: [${moduleImport}], controllers: [WeatherController], providers: [WeatherService] })\nexport class AppModule {}\n`,
      'src/weather.controller.ts': `import { Controller, Get, Param } from '@nestjs/common';\nimport { WeatherService } from './weather.service';\n@Controller('weather')\nexport class WeatherController {\n  constructor(private readonly weather: WeatherService) {}\n  @Get(':city')\n  forCity(@Param('city') city: string) {\n    return this.weather.forCity(city);\n  }\n}\n`,
      'src/weather.service.ts': `import { Injectable } from '@nestjs/common';\nimport { HttpService } from '@nestjs/axios';\nimport { firstValueFrom } from 'rxjs';\n@Injectable()\nexport class WeatherService {\n  constructor(private readonly http: HttpService) {}\n  async forCity(city: string) {\n    const { data } = await firstValueFrom(this.http.get('https://weather.example.com/' + city));\n    return data;\n  }\n}\n`,
    });
    const dependencies = { ...NEST, '@nestjs/axios': '^4.0.0', axios: '^1.7.0', rxjs: '^7.8.0' };
    const bare = await runRule(RULE, { dependencies, files: files('HttpModule') });
    expect(bare.lines).toEqual([
      'src/weather.service.ts:8:43 `HttpService.get` is called without a timeout or abort signal while serving GET /weather/:city: register the module with a timeout (`HttpModule.register({ timeout })`) or pass `timeout` on the call. [GET /weather/:city]',
    ]);
    const registered = await runRule(RULE, { dependencies, files: files('HttpModule.register({ timeout: 5000 })') });
    expect(registered.lines).toEqual([]);
  });

  it('stays quiet on bounded calls: an abort signal, a timed axios instance, got and http with a timeout, options it cannot see', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...EXPRESS, axios: '^1.7.0', got: '^14.0.0' },
      files: {
        'src/http/client.ts': `import axios from 'axios';\nexport const api = axios.create({ baseURL: 'https://api.example.com', timeout: 5000 });\n`,
        'src/app.ts': `import express from 'express';\nimport got from 'got';\nimport http from 'node:http';\nimport { api } from './http/client';\nconst app = express();\nconst options = { signal: AbortSignal.timeout(3000) };\napp.get('/a', async (req, res) => {\n  const first = await fetch('https://a.example.com', { signal: AbortSignal.timeout(2000) });\n  const second = await fetch('https://b.example.com', options);\n  const { data } = await api.get('/things');\n  const third = await got('https://c.example.com', { timeout: { request: 2000 } });\n  http.get('http://d.example.com', { timeout: 1000 }, (reply) => reply.resume());\n  http.request('http://e.example.com', (reply) => reply.resume()).setTimeout(1000).end();\n  res.json({ first: first.ok, second: second.ok, data, third: third.body });\n});\nexport async function relay(url: string, init: RequestInit) {\n  return fetch(url, init);\n}\n`,
      },
    });
    expect(lines).toEqual([]);
  });

  it('stays quiet on axios calls when axios.defaults.timeout is set anywhere, and in tests and scripts', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...EXPRESS, axios: '^1.7.0' },
      files: {
        'src/config/http.ts': `import axios from 'axios';\naxios.defaults.timeout = 10_000;\n`,
        'src/app.ts': `import './config/http';\nimport express from 'express';\nimport axios from 'axios';\nconst app = express();\napp.get('/a', async (req, res) => {\n  const { data } = await axios.get('https://api.example.com/a');\n  res.json(data);\n});\n`,
        'test/app.test.ts': `it('fetches', async () => {\n  await fetch('http://localhost:3000/a');\n});\n`,
        'scripts/seed-remote.ts': `export async function seed() {\n  await fetch('https://staging.example.com/seed', { method: 'POST' });\n}\n`,
        'libs/testing/src/client.ts': `export async function trigger() {\n  await fetch('http://localhost:3000/trigger', { method: 'POST' });\n}\n`,
      },
    });
    expect(lines).toEqual([]);
  });
  it('stays quiet in a command-line package (bin, commander) of a monorepo, and fires in a starter kit whose bin sits beside Express', async () => {
    const { lines } = await runRule(RULE, {
      files: {
        'package.json': JSON.stringify({ name: 'shop', private: true, workspaces: ['apps/*', 'tools/*'] }),
        'tools/shopctl/package.json': JSON.stringify({ name: 'shopctl', bin: { shopctl: 'dist/index.js' }, dependencies: { commander: '^12.0.0', axios: '^1.7.0' } }),
        'tools/shopctl/src/commands/pull.ts': `import axios from 'axios';\nexport async function pull(store: string) {\n  const { data } = await axios.get('https://api.example.com/stores/' + store);\n  return data;\n}\n`,
        'tools/shopctl/src/index.ts': `import { Command } from 'commander';\nimport { pull } from './commands/pull';\nconst program = new Command();\nprogram.command('pull <store>').action(async (store) => console.log(await pull(store)));\nprogram.parse();\n`,
        'apps/kit/package.json': JSON.stringify({ name: 'kit', bin: { 'create-kit': 'bin/create.js' }, dependencies: EXPRESS }),
        'apps/kit/src/app.js': `const express = require('express');\nconst app = express();\napp.get('/weather', async (req, res) => {\n  const reply = await fetch('https://weather.example.com/today');\n  res.json(await reply.json());\n});\nmodule.exports = app;\n`,
      },
    });
    expect(lines).toEqual(['apps/kit/src/app.js:4:23 `fetch` is called without a timeout or abort signal while serving GET /weather: pass `signal: AbortSignal.timeout(ms)`. [GET /weather]']);
  });

  it('stays quiet on an API client only e2e tests import (through a barrel), and fires on it once the server (imported by a test too, started by package.json) reaches it', async () => {
    const client = `export function createClient(base: string) {\n  return {\n    async list() {\n      const reply = await fetch(base + '/invoices');\n      return reply.json();\n    },\n  };\n}\n`;
    const quiet = await runRule(RULE, {
      dependencies: EXPRESS,
      files: {
        'src/app.ts': `import express from 'express';\nconst app = express();\napp.get('/health', (req, res) => res.send('ok'));\nexport default app;\n`,
        'src/invoices/clients/invoices-client.ts': client,
        'src/invoices/clients/index.ts': `export * from './invoices-client';\n`,
        'src/invoices/invoices.e2e.ts': `import { createClient } from './clients';\nit('lists', async () => {\n  await createClient('http://127.0.0.1:4000').list();\n});\n`,
      },
    });
    expect(quiet.lines).toEqual([]);
    const firing = await runRule(RULE, {
      dependencies: EXPRESS,
      files: {
        'src/app.ts': `import express from 'express';\nconst app = express();\napp.get('/health', (req, res) => res.send('ok'));\nexport default app;\n`,
        'src/invoices/clients/invoices-client.ts': client,
        'src/invoices/clients/index.ts': `export * from './invoices-client';\n`,
        'src/invoices/invoices.e2e.ts': `import { createClient } from './clients';\nit('lists', async () => {\n  await createClient('http://127.0.0.1:4000').list();\n});\n`,
        'src/jobs/sync-invoices.ts': `import { createClient } from '../invoices/clients';\nexport const syncInvoices = () => createClient(process.env.BILLING_URL!).list();\n`,
        'src/server.ts': `import app from './app';\nimport { syncInvoices } from './jobs/sync-invoices';\nsetInterval(syncInvoices, 60_000);\napp.listen(3000);\n`,
        'src/server.e2e.ts': `import './server';\n`,
        'package.json': JSON.stringify({ name: 'billing', scripts: { start: 'node dist/server.js' }, dependencies: EXPRESS }),
      },
    });
    expect(firing.lines).toEqual(['src/invoices/clients/invoices-client.ts:4:27 `fetch` is called without a timeout or abort signal: pass `signal: AbortSignal.timeout(ms)`.']);
  });

  it('fires without naming a route when the handler fires and forgets the call (.catch as a statement, void)', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...EXPRESS, axios: '^1.7.0' },
      files: {
        'src/app.ts': `import express from 'express';\nimport { announce, audit } from './hooks';\nconst app = express();\napp.post('/orders', async (req, res) => {\n  announce(req.body.id).catch((error) => console.error(error));\n  void audit(req.body.id);\n  res.sendStatus(201);\n});\n`,
        'src/hooks.ts': `import axios from 'axios';\nexport async function announce(id: string) {\n  await axios.post('https://hooks.example.com/orders', { id });\n}\nexport async function audit(id: string) {\n  await fetch('https://audit.example.com/orders/' + id, { method: 'PUT' });\n}\n`,
      },
    });
    expect(lines).toEqual([
      'src/hooks.ts:3:9 `axios.post` is called without a timeout or abort signal: set `timeout` on the call or on the `axios.create` instance.',
      'src/hooks.ts:6:9 `fetch` is called without a timeout or abort signal: pass `signal: AbortSignal.timeout(ms)`.',
    ]);
  });

  it('stays quiet on a call under a NODE_ENV development guard and on a literal localhost URL', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: EXPRESS,
      files: {
        'src/app.ts': `import express from 'express';\nimport { tunnelUrl } from './tunnel';\nconst app = express();\napp.get('/bridge', async (req, res) => {\n  const local = await fetch('http://localhost:9000/status');\n  res.json({ tunnel: await tunnelUrl(), local: local.ok });\n});\n`,
        'src/tunnel.ts': `export async function tunnelUrl(): Promise<string> {\n  if (process.env.NODE_ENV === 'development') {\n    const reply = await fetch(process.env.DEV_TUNNEL_URL + '/info');\n    return (await reply.json()).url;\n  }\n  return process.env.PUBLIC_URL ?? '';\n}\n`,
      },
    });
    expect(lines).toEqual([]);
  });
  it('fires on a portless localhost URL (a sidecar standing for another service) while serving a route', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...EXPRESS, axios: '^1.7.0' },
      files: {
        'src/app.ts': `import express from 'express';\nimport axios from 'axios';\nconst app = express();\napp.post('/orders', async (req, res) => {\n  const owner = await axios.get('http://localhost/accounts/' + req.body.accountId);\n  res.status(owner.status === 200 ? 201 : 422).end();\n});\n`,
      },
    });
    expect(lines).toEqual(['src/app.ts:5:23 `axios.get` is called without a timeout or abort signal while serving POST /orders: set `timeout` on the call or on the `axios.create` instance. [POST /orders]']);
  });
});
