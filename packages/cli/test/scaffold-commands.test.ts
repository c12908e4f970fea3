import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Command } from '../src/command.js';
import { addCommand } from '../src/commands/add.js';
import { newCommand } from '../src/commands/new.js';
import { runCli } from './run-cli.js';

const workspace = path.join(import.meta.dirname, '../../../.tmp', `cli-${randomBytes(4).toString('hex')}`);
afterAll(() => rm(workspace, { recursive: true, force: true }));

/** Runs `strata <command> …` through the CLI entry point, in-process and without a terminal. */
async function run(command: Command, args: string[], cwd = workspace) {
  await mkdir(cwd, { recursive: true });
  return runCli([command.name, ...args], cwd);
}

/** A usage mistake: exit code 2 and one message on stderr, never a thrown error. */
const usageError = (pattern: RegExp) => ({ code: 2, stderr: expect.stringMatching(pattern) });

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
    expect(await run(newCommand, ['taken', '--yes'])).toMatchObject(usageError(/is not empty/));
    await expect(run(newCommand, ['taken', '--yes', '--force'])).resolves.toMatchObject({ code: 0 });
  });

  it('reports bad input as usage errors', async () => {
    expect(await run(newCommand, ['--yes'])).toMatchObject(usageError(/missing <dir>/));
    expect(await run(newCommand, ['x1', '--framework', 'koa'])).toMatchObject(usageError(/--framework must be fastify or express/));
    expect(await run(newCommand, ['x2', '--database', 'mysql://db'])).toMatchObject(usageError(/--database must be/));
    expect(await run(newCommand, ['x3', '--cqrs', '--no-cqrs'])).toMatchObject(usageError(/contradict/));
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
    expect(await run(addCommand, ['entity', 'cart'], store)).toMatchObject(usageError(/--module is required for entity \(modules: identity, invoices\)/));
    expect(await run(addCommand, ['widget', 'x'], store)).toMatchObject(usageError(/first argument must be one of/));
    expect(await run(addCommand, ['module', 'invoices'], store)).toMatchObject(usageError(/already exists/));
    expect(await run(addCommand, ['module', 'x'], path.dirname(workspace))).toMatchObject(usageError(/run inside a project made by `strata new`/));
  });
});
