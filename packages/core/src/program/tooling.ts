/**
 * Scripts, CI helpers and test-support libraries are application code to the program models (they
 * parse and link like the rest) but never run inside the service: rules about how the service behaves
 * while running leave them out.
 */
const TOOLING = /(^|\/)(scripts?|\.github|testing|test-utils?)\/|(^|\/)(migrate|migrations?|seed|seeds|seeder)\.[cm]?[jt]s$/;

export function isTooling(relative: string): boolean {
  return TOOLING.test(relative);
}
