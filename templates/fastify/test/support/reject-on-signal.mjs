// Preloaded (node --import): on SIGUSR2, a promise rejects with nothing to catch it, as a bug in a
// fire-and-forget call would, so a test can see what the running service does about it.
process.on('SIGUSR2', () => {
  void Promise.reject(new Error('a rejection nothing handled'));
});
