/**
 * `npm test` leaves the browser suite out (it needs Chromium); it says so at the end of its run,
 * so that a green run is never read as "the HTML report was checked in a browser".
 */
export const NOT_RUN_NOTE =
  'Browser suite not run (not asked for): packages/cli/test-browser/ checks the HTML report in Chromium. Run `npm run test:browser` (needs /usr/bin/chromium), or `npm run test:services`.';

export default function setup(): () => void {
  return () => {
    process.stdout.write(`\n${NOT_RUN_NOTE}\n`);
  };
}
