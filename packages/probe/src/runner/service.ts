import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { PROBE_SOCKET_ENV } from '../protocol.js';

const STDERR_TAIL_BYTES = 4096;

export interface ServiceExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** The started service: its process group, the tail of its stderr, and how it ended. */
export interface ServiceProcess {
  child: ChildProcess;
  /** Resolves when the command's process exits (for `npm start`, npm itself). */
  exited: Promise<ServiceExit>;
  /** The last few KB the service wrote to stderr, for the message when it fails. */
  stderrTail(): string;
  /**
   * SIGTERM to the whole process group, SIGKILL after `graceMs`; resolves once the command and the given
   * processes (the service itself, which npm or a shell may outlive or be outlived by) are gone.
   */
  stop(graceMs: number, alsoWaitFor: readonly number[]): Promise<ServiceExit>;
}

/** Adds the sampler to NODE_OPTIONS so that every Node process under the command (npm, then the service) loads it. */
export function probeEnvironment(env: NodeJS.ProcessEnv, samplerFile: string, socketPath: string): NodeJS.ProcessEnv {
  // A file URL has no spaces (they are %20), so NODE_OPTIONS needs no quoting.
  const preload = `--import=${pathToFileURL(samplerFile).href}`;
  return { ...env, NODE_OPTIONS: [env.NODE_OPTIONS, preload].filter(Boolean).join(' '), [PROBE_SOCKET_ENV]: socketPath };
}

export function startService(command: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv; echo?: NodeJS.WritableStream }): ServiceProcess {
  const [file, ...args] = command;
  // Its own process group, so that stopping reaches npm, the shell and the service alike.
  const child = spawn(file!, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', options.echo ? 'pipe' : 'ignore', 'pipe'], detached: true });
  let tail = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    tail = (tail + chunk).slice(-STDERR_TAIL_BYTES);
    options.echo?.write(chunk);
  });
  if (options.echo) child.stdout!.pipe(options.echo, { end: false });
  const exited = new Promise<ServiceExit>((resolve) => {
    child.once('error', (error: NodeJS.ErrnoException) => {
      tail += `${error.code === 'ENOENT' ? `command not found: ${file}` : error.message}\n`;
      resolve({ code: 127, signal: null });
    });
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  let done: ServiceExit | undefined;
  void exited.then((exit) => (done = exit));

  const signalGroup = (signal: NodeJS.Signals): void => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // the group is already gone
    }
  };
  return {
    child,
    exited,
    stderrTail: () => tail,
    async stop(graceMs, alsoWaitFor) {
      if (child.pid === undefined) return exited;
      signalGroup('SIGTERM');
      const deadline = Date.now() + graceMs;
      const timer = setTimeout(() => signalGroup('SIGKILL'), graceMs);
      const exit = await exited;
      clearTimeout(timer);
      await waitUntilGone(alsoWaitFor, deadline);
      // Whatever remains, in the group or outside it (setsid, a daemonising script), is killed.
      signalGroup('SIGKILL');
      for (const pid of alsoWaitFor) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
      await waitUntilGone(alsoWaitFor, Date.now() + 1000);
      return done ?? exit;
    },
  };
}

async function waitUntilGone(pids: readonly number[], deadline: number): Promise<void> {
  while (pids.some(isAlive) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}

/**
 * True while a process with this pid runs. A zombie does not: it has exited and only waits for its parent
 * to collect its status. When the service's parent (npm, a shell) is stopped with it, the zombie goes to
 * the system's reaper, which can take a moment; signal 0 still reaches it until then.
 */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    // The state is the first field after the command name, which is in parentheses and may hold spaces.
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ').at(-1)?.[0] !== 'Z';
  } catch {
    // No /proc (macOS), or the process ended between the two calls.
    return existsSync('/proc/self') ? false : true;
  }
}
