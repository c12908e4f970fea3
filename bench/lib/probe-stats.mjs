// The statistics and the verdict of bench/probe-overhead.mjs, apart from the measuring.

export const TARGET_LOSS = 0.05;

export const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  return sorted[low] + (sorted[Math.min(low + 1, sorted.length - 1)] - sorted[low]) * (at - low);
};
export const median = (values) => quantile(values, 0.5);
export const mean = (values) => values.reduce((sum, value) => sum + value, 0) / values.length;

/** Student's t for a two-sided 95 % interval, by degrees of freedom (1 to 30; 1.96 beyond). */
const T_975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042];

/**
 * A loss read in rounds of groups: each group is one window of every state back to back (a pair of the
 * probed and the plain service, and the others), each round a fresh set of processes. Groups of one round
 * share its processes, and a process can be a few per cent faster or slower than another for its whole
 * life (where the JIT and the heap happened to land), so they are not independent: the interval is over
 * rounds. A round's figure is the median of its groups (one window a neighbour disturbed does not move
 * it); the rounds are independent, and their mean has a Student t interval.
 */
export function roundedLoss(rounds) {
  const groups = rounds.flat();
  const byRound = rounds.map((losses) => median(losses));
  const n = byRound.length;
  const centre = mean(byRound);
  let interval = null;
  const sdRounds = n >= 2 ? Math.sqrt(byRound.reduce((sum, value) => sum + (value - centre) ** 2, 0) / (n - 1)) : null;
  if (n >= 3) {
    const half = (T_975[n - 2] ?? 1.96) * (sdRounds / Math.sqrt(n));
    interval = { low: centre - half, high: centre + half };
  }
  // How far groups of one round spread around their round's mean (pooled): the windows' own noise, where
  // sdRounds also carries each round's processes. Printed to choose rounds against groups, not judged.
  const within = rounds.filter((losses) => losses.length >= 2);
  const df = within.reduce((sum, losses) => sum + losses.length - 1, 0);
  const sdWithin = df ? Math.sqrt(within.reduce((sum, losses) => sum + losses.reduce((s, value) => s + (value - mean(losses)) ** 2, 0), 0) / df) : null;
  return { mean: centre, interval, byRound, rounds, sdRounds, sdWithin, groups, median: median(groups), q1: quantile(groups, 0.25), q3: quantile(groups, 0.75), min: Math.min(...groups), max: Math.max(...groups) };
}

/** CPU taken from the bench (median over the windows, in cores) above which the machine is not quiet. */
export const QUIET_OTHERS_CORES = 0.25;

/**
 * Why the machine was too busy for a verdict, or null: other processes' CPU and the hypervisor's steal,
 * medians over the windows. The bench's service and load generator keep two CPUs busy themselves; what
 * anything else runs takes from them, and on an oversubscribed machine the scheduler's share decides
 * throughput (at a load average of 11.5 the probed service once came out 8.9 % faster than the plain
 * one), and CPU per request moves with what shares the caches (at a load average of 7 the control read
 * 7.5 % cheaper per request than the plain service it copies). Not the load average: it counts the
 * bench's own threads (the service's, its collector's and profiler's, the load generator's), and read 2.6
 * on two CPUs while nothing else ran (other processes' CPU 0.00).
 */
export function busyMachine({ others, steal }) {
  if (others === null) return null;
  const taken = others + (steal ?? 0);
  return taken > QUIET_OTHERS_CORES ? `other processes and steal took ${taken.toFixed(2)} cores (a verdict needs at most ${QUIET_OTHERS_CORES})` : null;
}

/**
 * Why a run in one process cannot give a verdict, or null: a forced collection (after a probed window in
 * which the service ran no full collection of its own) makes V8 deoptimise the service's hot code, which
 * then runs slower in the windows after it whatever their state, the probe-off ones included, so the
 * paired difference would understate the probe's cost. (With a process per state it stays in the probed
 * process, and the bench counts it.)
 */
export function forcedInOneProcess(sameProcess, windowsForced) {
  return sameProcess && windowsForced > 0 ? `${windowsForced} probed windows needed a forced collection, whose deoptimisation carries into the next windows of the same process, probe-off ones too` : null;
}

/**
 * The rule (bench/README.md, "The probe's overhead"): no verdict on a busy machine (busyMachine). The
 * control, a second plain service measured like the others, must read no difference from the plain one
 * (its interval holds 0), or the bench's noise is beyond what its interval accounts for. Then MET when
 * the whole interval of the probe's loss is within the target, NOT MET when all of it is over, else
 * INCONCLUSIVE.
 */
export function verdict(loss, control, busy, unusable = null) {
  if (busy) return `INCONCLUSIVE: the machine was busy (${busy})`;
  if (unusable) return `INCONCLUSIVE: ${unusable}`;
  if (!loss.interval) return 'INCONCLUSIVE: too few rounds for an interval (3 at least)';
  if (control && control.interval && (control.interval.low > 0 || control.interval.high < 0)) {
    return 'INCONCLUSIVE: the control (a second plain service) differs from the plain one, so the bench measured its own noise';
  }
  if (loss.interval.high <= TARGET_LOSS) return 'MET';
  if (loss.interval.low > TARGET_LOSS) return 'NOT MET';
  return 'INCONCLUSIVE: the interval straddles the target (the noise is wider than the difference asked about; more rounds or a quieter machine)';
}
