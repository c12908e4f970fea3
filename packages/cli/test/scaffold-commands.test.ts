import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError, type Command } from '../src/command.js';
import { addCommand } from '../src/commands/add.js';
import { newCommand } from '../src/commands/new.js';

class Capture extends Writable {
  text = '';
  isTTY = false;
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

const workspace = path.join(import.meta.dirname, '../../../.tmp', `cli-${randomBytes(4).toString('hex')}`);
afterAll(() => rm(workspace, { recursive: true, force: true }));

/** Parses like the CLI entry point does, then runs the command in-process without a terminal. */
async function run(command: Command, args: string[], cwd = workspace) {
  const options = Object.fromEntries(
    Object.entries(command.options).map(([name, spec]) => [name, { type: spec.type, ...(spec.short ? { short: spec.short } : {}) }]),
  );
  const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
  const stdout = new Capture();
  await mkdir(cwd, { recursive: true });
  const code = await command.run({ values, positionals }, { stdout, stderr: new Capture(), cwd, env: {} });
  return { code, stdout: stdout.text };
}

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'));

describe('strata new', () => {
  it('takes the defaults without a terminal and prints the next steps', async () => {
    const { code, stdout } = await run(newCommand, ['billing', '--yes']);
    expect(code).toBe(0);
    expect(stdout).toContain('Created billing in billing');
    expect(stdout).toContain('fastify, embedded PGlite, CQRS off, queue on');
    expect(stdout).toMatch(/cd billing\n {2}npm install\n {2}npm start/);
    expect(readJson(path.join(workspace, 'billing/package.json')).name).toBe('billing');
    expect(existsSync(path.join(workspace, 'billing/.gitignore'))).toBe(true);
  });

  it('answers every question by flag', async () => {
    const { stdout } = await run(newCommand, ['ledger', '--name', 'ledger-service', '--framework', 'express', '--database', 'postgres://u@db/ledger', '--cqrs', '--no-queue']);
    expect(stdout).toContain('express, PostgreSQL (DATABASE_URL in .env), CQRS on, queue off');
    const pkg = readJson(path.join(workspace, 'ledger/package.json'));
    expect(pkg.name).toBe('ledger-service');
    expect(pkg.dependencies).toHaveProperty('express');
    expect(readFileSync(path.join(workspace, 'ledger/.env'), 'utf8')).toContain('DATABASE_URL=postgres://u@db/ledger');
  });

  it('refuses a non-empty directory unless --force', async () => {
    await mkdir(path.join(workspace, 'taken'), { recursive: true });
    await writeFile(path.join(workspace, 'taken/keep.txt'), 'x');
    await expect(run(newCommand, ['taken', '--yes'])).rejects.toThrow(UsageError);
    await expect(run(newCommand, ['taken', '--yes', '--force'])).resolves.toMatchObject({ code: 0 });
  });

  it('reports bad input as usage errors', async () => {
    await expect(run(newCommand, ['--yes'])).rejects.toThrow(/missing <dir>/);
    await expect(run(newCommand, ['x1', '--framework', 'koa'])).rejects.toThrow(/--framework must be fastify or express/);
    await expect(run(newCommand, ['x2', '--database', 'mysql://db'])).rejects.toThrow(/--database must be/);
    await expect(run(newCommand, ['x3', '--cqrs', '--no-cqrs'])).rejects.toThrow(/contradict/);
  });
});

describe('strata add', () => {
  it('finds the project from a subfolder, writes the files and lists the registrations', async () => {
    await run(newCommand, ['shop', '--yes']);
    const { code, stdout } = await run(addCommand, ['module', 'products'], path.join(workspace, 'shop/src/modules'));
    expect(code).toBe(0);
    expect(stdout).toContain('  src/modules/products/domain/entities/product.ts');
    expect(stdout).toMatch(/Registered in:\n {2}src\/bootstrap\/container\.ts/);
    const second = await run(addCommand, ['route', 'restock', '--module', 'products', '--method', 'get'], path.join(workspace, 'shop'));
    expect(second.stdout).toContain('src/modules/products/interfaces/http/restock.route.ts');
    expect(readFileSync(path.join(workspace, 'shop/src/modules/products/interfaces/http/restock.route.ts'), 'utf8')).toContain("method: 'GET'");
  });

  it('needs --module without a terminal, a known kind, and a generated project', async () => {
    await run(newCommand, ['store', '--yes']);
    const store = path.join(workspace, 'store');
    await expect(run(addCommand, ['entity', 'cart'], store)).rejects.toThrow(/--module is required for entity \(modules: identity, invoices\)/);
    await expect(run(addCommand, ['widget', 'x'], store)).rejects.toThrow(/first argument must be one of/);
    await expect(run(addCommand, ['module', 'invoices'], store)).rejects.toThrow(/already exists/);
    await expect(run(addCommand, ['module', 'x'], path.dirname(workspace))).rejects.toThrow(/run inside a project made by `strata new`/);
  });
});
