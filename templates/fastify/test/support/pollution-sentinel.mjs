// Preloaded into the service under fuzzing (node --import): remembers the own properties of the
// built-in prototypes at start-up and reports, when the process exits, any that appeared since. A
// request that reached Object.prototype (`__proto__` or `constructor.prototype` in JSON or a query)
// shows up here, however the service answered it.
const watched = { Object: Object.prototype, Array: Array.prototype, Function: Function.prototype, String: String.prototype };
const baseline = Object.fromEntries(Object.entries(watched).map(([name, proto]) => [name, new Set(Reflect.ownKeys(proto).map(String))]));

process.on('exit', () => {
  const added = {};
  for (const [name, proto] of Object.entries(watched)) {
    const extra = Reflect.ownKeys(proto).map(String).filter((key) => !baseline[name].has(key));
    if (extra.length > 0) added[name] = extra;
  }
  process.stderr.write(`POLLUTION-REPORT ${JSON.stringify(added)}\n`);
});
