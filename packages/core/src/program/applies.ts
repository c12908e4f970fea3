/**
 * Tests, specs, stories, mocks and seed or migration scripts never serve a request: the program
 * models leave them out, which keeps every model rule quiet there and the per-file work small.
 */
const NOT_APPLICATION_CODE = /(^|\/)(__tests__|__mocks__|tests?|spec|e2e|fixtures?|mocks?|migrations?|seeds?|seeders?|stories|cypress|playwright)\/|\.(test|spec|e2e-spec|e2e|stories|mock|fixture)\.[cm]?[jt]sx?$|\.d\.[cm]?ts$/;

/**
 * Sample apps at the repository root of a monorepo (`playground/nestjs`, `examples/express`,
 * `samples/`, `demo/`): they show how to use the product, they are not the product, and nobody
 * deploys them. Only top-level folders: `src/examples/` of a service may well be served.
 */
const SAMPLE_APPS = /^(playgrounds?|examples?|samples?|demos?)\//;

export function isApplicationCode(relative: string): boolean {
  return !NOT_APPLICATION_CODE.test(relative) && !SAMPLE_APPS.test(relative);
}
