// The V8 flags the launcher sets, by V8 version: tuned for a review, which runs for a second or two on
// two cores where the second is the parser thread's. Kept apart from the launcher so a test can ask
// for any version's list (the suite runs on one Node at a time).
//
// Only flags V8 reads afresh at each use may be set after Node has started. --no-regexp-tier-up is
// not one: a regular expression Node compiled to bytecode before it was set is then run as machine
// code, and V8 jumps into its interpreter's trampoline (SIGSEGV in NativeRegExpMacroAssembler::Execute;
// novu: 2 of 30 runs in a row crashed with it, sooner under load, 0 of 100 without; bench/README.md).
// It saved 5 % of a small service's instructions; a review that crashes saves nothing.

/** The flags for a V8 version string (`process.versions.v8`, e.g. "11.3.244.8-node.33"). */
export function launcherV8Flags(v8Version) {
  const major = Number(v8Version.split('.')[0]);
  // V8's optimising compiler, inlining callees into every hot function it compiles, spent more CPU
  // than the review's own parser thread on a large repository (novu: 10.9 of 31.1 G instructions in
  // V8's background threads). Without inlining the optimised code runs as fast here (main thread
  // 14.4 -> 14.1 G) and the compiler's work falls to 6.3 G: -13% wall on novu, -5% on juice-shop, on
  // two cores (bench/README.md). The flag is process-wide, so the parser threads take it too.
  const flags = ['--no-turbo-inlining'];
  // Most of what the optimising compiler was sent came back too late to pay for itself in so short a
  // run, and took CPU from the second core. V8 11 (Node 20) sends a function after a few turns of an
  // interrupt budget (67,584 bytes of bytecode run): eight times the budget sends only the functions
  // that stay hot (novu cold 1.97 -> 1.72 s wall, 3.2 -> 2.5 s CPU; juice-shop 0.50 -> 0.47 s).
  if (major < 12) flags.push('--interrupt-budget=540672');
  // V8 12 (Node 22) has no such budget: it counts invocations (3,000 before TurboFan; Maglev takes a
  // function from 400 first). Eight times that count does for Node 22 what the budget does for Node
  // 20: novu cold 3.50 -> 3.05 s wall, 5.75 -> 4.68 s CPU; ghostfolio 1.44 -> 1.28 s; juice-shop
  // 0.88 -> 0.83 s, CPU -21 % (bench/README.md, 2026-12-02). On V8 13 (Node 24) it changed nothing
  // measurable, so it is not set there.
  else if (major === 12) flags.push('--invocation-count-for-turbofan=24000');
  return flags;
}
