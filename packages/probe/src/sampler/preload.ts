/**
 * Loaded into the service with `--import` (through NODE_OPTIONS, so `npm start` and shell scripts pass
 * it on). Inert unless the probe set STRATA_PROBE_SOCKET. Every Node process started under the probe
 * says hello; only the one the probe selects (the one listening on the port under load) streams samples.
 */
import { PROBE_SOCKET_ENV } from '../protocol.js';
import { startSampler } from './sampler.js';

const socketPath = process.env[PROBE_SOCKET_ENV];
if (socketPath) startSampler(socketPath);
