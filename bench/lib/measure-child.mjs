// Fallback peak-RSS probe when GNU time is absent: runs a Node CLI script in this very process and
// writes process.resourceUsage().maxRSS (kilobytes, worker threads included) to a file at exit.
//
//   node bench/lib/measure-child.mjs <rss-file> <script> [args…]
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [rssFile, script, ...args] = process.argv.slice(2);
process.argv = [process.argv[0], path.resolve(script), ...args];
process.on('exit', () => {
  writeFileSync(rssFile, `${process.resourceUsage().maxRSS}\n`);
});
await import(pathToFileURL(path.resolve(script)).href);
