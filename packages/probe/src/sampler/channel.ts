import net from 'node:net';
import type { ProbeCommand, SamplerMessage } from '../protocol.js';

/** The sampler's end of the control socket: JSON lines out, commands in; never keeps the service alive. */
export class SamplerChannel {
  private readonly socket: net.Socket;
  private buffered = '';
  private closedByProbe = false;

  constructor(socketPath: string, onCommand: (command: ProbeCommand) => void, onProbeGone: () => void) {
    this.socket = net.createConnection(socketPath);
    this.socket.unref();
    this.socket.setEncoding('utf8');
    this.socket.on('data', (chunk: string) => {
      this.buffered += chunk;
      let newline: number;
      while ((newline = this.buffered.indexOf('\n')) >= 0) {
        const line = this.buffered.slice(0, newline);
        this.buffered = this.buffered.slice(newline + 1);
        if (line) onCommand(JSON.parse(line) as ProbeCommand);
      }
    });
    // A probe that vanished (killed with SIGKILL, crashed) cannot stop the service it started; the
    // service then stops itself, so no orphan keeps running with nobody measuring it.
    this.socket.on('close', () => {
      if (!this.closedByProbe) onProbeGone();
    });
    this.socket.on('error', () => undefined);
  }

  send(message: SamplerMessage): void {
    if (!this.socket.destroyed) this.socket.write(`${JSON.stringify(message)}\n`);
  }

  /** Called when the sampler never connected (the probe was already gone): nothing to stop for. */
  markClosed(): void {
    this.closedByProbe = true;
  }
}
