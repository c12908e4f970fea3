import { describe, expect, it } from 'vitest';
import { EXPRESS, FASTIFY, NEST, runRule } from '../../../test/helpers/rule-tester.js';

const RULE = 'long-work-in-request';

describe('long-work-in-request', () => {
  it('fires on nodemailer sendMail awaited two calls below an Express route, with the route and the trace', async () => {
    const { lines, findings } = await runRule(RULE, {
      dependencies: { ...EXPRESS, nodemailer: '^6.9.0' },
      files: {
        'src/app.ts': `import express from 'express';\nimport { register } from './controllers/auth';\nconst app = express();\napp.post('/auth/register', register);\n`,
        'src/controllers/auth.ts': `import { sendVerification } from '../services/email';\nexport async function register(req, res) {\n  await sendVerification(req.body.email);\n  res.status(201).end();\n}\n`,
        'src/services/email.ts': `import nodemailer from 'nodemailer';\nconst transport = nodemailer.createTransport({ host: 'smtp.example.com' });\nexport async function sendVerification(to: string) {\n  await transport.sendMail({ to, subject: 'Verify', text: 'Welcome' });\n}\n`,
      },
    });
    expect(lines).toEqual(['src/services/email.ts:4:9 E-mail (`nodemailer sendMail`) runs inline while serving POST /auth/register: the response waits on the mail server, and a failure loses the message. [POST /auth/register]']);
    expect(findings[0]!.trace!.map((step) => `${step.file}:${step.line} ${step.message}`)).toEqual([
      'src/app.ts:4 POST /auth/register is handled by register',
      'src/controllers/auth.ts:3 calls sendVerification',
      'src/services/email.ts:4 calls transport.sendMail',
    ]);
  });

  it('reports a send and its retry in a .catch once, counting them, and gives sends of two functions that differ only in indentation two fingerprints', async () => {
    const { lines, findings } = await runRule(RULE, {
      dependencies: { ...EXPRESS, nodemailer: '^6.9.0' },
      files: {
        'src/app.ts': `import express from 'express';\nimport { mail, notify } from './mail';\nconst app = express();\napp.post('/contact', async (req, res) => {\n  await mail({ to: 'team@example.com', text: 'hello' });\n  await notify({ to: 'ops@example.com', text: 'contact' });\n  res.sendStatus(204);\n});\n`,
        'src/mail.ts': `import nodemailer from 'nodemailer';\nconst transporter = nodemailer.createTransport({ host: 'smtp.example.com' });\nexport function mail(options: object) {\n  return transporter\n    .sendMail(options)\n    .catch(() => {\n      return transporter\n        .sendMail(options);\n    });\n}\nexport function notify(options: object) {\n  return transporter\n        .sendMail(options);\n}\n`,
      },
    });
    expect(lines).toEqual([
      'src/mail.ts:4:10 E-mail (`nodemailer sendMail`) (2 calls in this function) runs inline while serving POST /contact: the response waits on the mail server, and a failure loses the message. [POST /contact]',
      'src/mail.ts:12:10 E-mail (`nodemailer sendMail`) runs inline while serving POST /contact: the response waits on the mail server, and a failure loses the message. [POST /contact]',
    ]);
    expect(new Set(findings.map((finding) => finding.fingerprint)).size).toBe(2);
  });

  it('fires on sharp and pdfkit in Fastify routes', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...FASTIFY, sharp: '^0.33.0', pdfkit: '^0.15.0' },
      files: {
        'src/app.ts': `import Fastify from 'fastify';\nimport sharp from 'sharp';\nimport PDFDocument from 'pdfkit';\nconst app = Fastify();\napp.post('/avatars', async (request) => {\n  const thumbnail = await sharp(request.body as Buffer).resize(128, 128).webp().toBuffer();\n  return { size: thumbnail.length };\n});\napp.get('/invoices/:id.pdf', async (request, reply) => {\n  const doc = new PDFDocument();\n  doc.text('Invoice');\n  doc.end();\n  return reply.type('application/pdf').send(doc);\n});\n`,
      },
    });
    expect(lines).toEqual([
      'src/app.ts:6:27 Image processing (`sharp`) runs inline while serving POST /avatars: resizing and encoding hold CPU and memory for the length of the request. [POST /avatars]',
      'src/app.ts:10:15 PDF (`new PDFDocument`) runs inline while serving GET /invoices/:id.pdf: rendering holds CPU and memory for the length of the request. [GET /invoices/:id.pdf]',
    ]);
  });

  it('fires on a NestJS mail service using a typed transporter field and on an exceljs workbook built in a controller', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...NEST, nodemailer: '^6.9.0', exceljs: '^4.4.0' },
      files: {
        'src/app.module.ts': `import { Module } from '@nestjs/common';\nimport { UsersController } from './users.controller';\nimport { MailService } from './mail.service';\n@Module({ controllers: [UsersController], providers: [MailService] })\nexport class AppModule {}\n`,
        'src/mail.service.ts': `import { Injectable } from '@nestjs/common';\nimport nodemailer from 'nodemailer';\n@Injectable()\nexport class MailService {\n  private readonly transporter: nodemailer.Transporter;\n  constructor() {\n    this.transporter = nodemailer.createTransport({ host: 'smtp.example.com' });\n  }\n  async resetPassword(to: string) {\n    await this.transporter.sendMail({ to, subject: 'Reset' });\n  }\n}\n`,
        'src/users.controller.ts': `import { Controller, Get, Post, Body } from '@nestjs/common';\nimport ExcelJS from 'exceljs';\nimport { MailService } from './mail.service';\n@Controller('users')\nexport class UsersController {\n  constructor(private readonly mail: MailService) {}\n  @Post('forgot')\n  forgot(@Body() body: { email: string }) {\n    return this.mail.resetPassword(body.email);\n  }\n  @Get('export')\n  async export() {\n    const workbook = new ExcelJS.Workbook();\n    workbook.addWorksheet('Users');\n    return workbook.xlsx.writeBuffer();\n  }\n}\n`,
      },
    });
    expect(lines).toEqual([
      'src/mail.service.ts:10:11 E-mail (`nodemailer sendMail`) runs inline while serving POST /users/forgot: the response waits on the mail server, and a failure loses the message. [POST /users/forgot]',
      'src/users.controller.ts:13:22 Spreadsheet export (`new ExcelJS.Workbook`) runs inline while serving GET /users/export: the whole workbook is built in memory while the client waits. [GET /users/export]',
    ]);
  });

  it('stays quiet when the request enqueues the work and a worker does it', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...EXPRESS, nodemailer: '^6.9.0', bullmq: '^5.0.0' },
      files: {
        'src/queue.ts': `import { Queue } from 'bullmq';\nexport const emails = new Queue('emails');\n`,
        'src/app.ts': `import express from 'express';\nimport { emails } from './queue';\nconst app = express();\napp.post('/auth/register', async (req, res) => {\n  await emails.add('verify', { to: req.body.email });\n  res.status(202).end();\n});\n`,
        'src/worker.ts': `import { Worker } from 'bullmq';\nimport nodemailer from 'nodemailer';\nconst transport = nodemailer.createTransport({ host: 'smtp.example.com' });\nnew Worker('emails', async (job) => {\n  await transport.sendMail({ to: job.data.to, subject: 'Verify' });\n});\n`,
      },
    });
    expect(lines).toEqual([]);
  });

  it('stays quiet on a mail sent by code no route reaches, on an explicitly detached send, and in tests', async () => {
    const { lines } = await runRule(RULE, {
      dependencies: { ...EXPRESS, nodemailer: '^6.9.0' },
      files: {
        'src/mail.ts': `import nodemailer from 'nodemailer';\nexport const transport = nodemailer.createTransport({ host: 'smtp.example.com' });\nexport async function digest(to: string) {\n  await transport.sendMail({ to, subject: 'Digest' });\n}\n`,
        'src/app.ts': `import express from 'express';\nimport { transport } from './mail';\nconst app = express();\napp.post('/ping', (req, res) => {\n  void transport.sendMail({ to: 'ops@example.com', subject: 'ping' });\n  res.end();\n});\n`,
        'test/mail.test.ts': `import express from 'express';\nimport { transport } from '../src/mail';\nconst app = express();\napp.post('/t', async (req, res) => {\n  await transport.sendMail({ to: 'a@example.com' });\n  res.end();\n});\n`,
      },
    });
    expect(lines).toEqual([]);
  });
});
