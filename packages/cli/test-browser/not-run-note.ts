/**
 * `npm test` leaves the browser suite out (it needs Chromium); it says so at the end of its run,
 * so that a green run is never read as "the HTML report was checked in a browser".
 */
export const NOT_RUN_NOTE =
  'Not run here: the HTML report in a real browser, packages/cli/test-browser/ (not asked for; needs /usr/bin/chromium; `npm run test:browser` runs it, and so does `npm run test:services`).';

export default function setup(): () => void {
  return () => {
    process.stdout.write(`\n${NOT_RUN_NOTE}\n`);
  };
}
