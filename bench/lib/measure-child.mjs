// Fallback peak-RSS probe when GNU time is absent: runs a Node CLI script in this very process and
// writes `maxRSS-KB user-seconds system-seconds` from process.resourceUsage() (worker threads
// included) to a file at exit: the same line GNU time's `-f '%M %U %S'` writes.
//
//   node bench/lib/measure-child.mjs <rss-file> <script> [args…]
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [rssFile, script, ...args] = process.argv.slice(2);
process.argv = [process.argv[0], path.resolve(script), ...args];
process.on('exit', () => {
  const usage = process.resourceUsage();
  writeFileSync(rssFile, `${usage.maxRSS} ${usage.userCPUTime / 1e6} ${usage.systemCPUTime / 1e6}\n`);
});
await import(pathToFileURL(path.resolve(script)).href);
