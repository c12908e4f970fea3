import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { ProbeCommand, SamplerMessage } from '../protocol.js';

type Reply = Extract<SamplerMessage, { type: 'reply' }>;
type CommandBody = ProbeCommand extends infer C ? (C extends ProbeCommand ? Omit<C, 'id'> : never) : never;

/**
 * The probe's end of the control socket. Every Node process started under the probe connects; events:
 * 'hello', 'listening', 'sample' (from the selected process only), and 'gone' when a sampler disconnects.
 */
export class ControlServer extends EventEmitter {
  /** Scratch folder for the socket and the profiles; removed by close(). */
  readonly dir = mkdtempSync(path.join(os.tmpdir(), 'strata-probe-'));
  readonly socketPath = path.join(this.dir, 'control.sock');
  private readonly server = net.createServer((socket) => this.accept(socket));
  private readonly sockets = new Map<number, net.Socket>();
  private readonly pending = new Map<number, { resolve: (reply: Reply) => void; reject: (error: Error) => void }>();
  private nextId = 1;
  selectedPid: number | undefined;

  listen(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.socketPath, () => resolve());
    });
  }

  private accept(socket: net.Socket): void {
    let pid: number | undefined;
    let buffered = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      buffered += chunk;
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const message = JSON.parse(buffered.slice(0, newline)) as SamplerMessage;
        buffered = buffered.slice(newline + 1);
        if (message.type === 'hello') {
          pid = message.pid;
          this.sockets.set(pid, socket);
        }
        this.dispatch(message);
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      if (pid === undefined) return;
      this.sockets.delete(pid);
      this.emit('gone', pid);
    });
  }

  private dispatch(message: SamplerMessage): void {
    if (message.type === 'reply') {
      const waiting = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error) waiting?.reject(new Error(message.error));
      else waiting?.resolve(message);
      return;
    }
    if (message.type === 'sample' && message.pid !== this.selectedPid) return;
    this.emit(message.type, message);
  }

  /** Sends a command to the selected process and waits for its reply. */
  request(body: CommandBody): Promise<Reply> {
    const socket = this.selectedPid === undefined ? undefined : this.sockets.get(this.selectedPid);
    if (!socket) return Promise.reject(new Error('the service process is not connected to the probe'));
    const id = this.nextId++;
    return new Promise<Reply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      socket.write(`${JSON.stringify({ ...body, id })}\n`);
    });
  }

  /** Fails every request still waiting (the service went away). */
  failPending(error: Error): void {
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }

  async close(): Promise<void> {
    for (const socket of this.sockets.values()) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    rmSync(this.dir, { recursive: true, force: true });
  }
}
