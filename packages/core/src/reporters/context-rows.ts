import type { AnalysisResult, DetectedItem, ScopeExclusion } from '../types.js';

const MODULE_SYSTEMS = { esm: 'ES modules', commonjs: 'CommonJS', mixed: 'mixed ES modules and CommonJS' } as const;
const SHAPE_TITLES: Record<string, string> = {
  clean: 'Clean Architecture',
  nestjs: 'NestJS modules',
  mvc: 'layered MVC',
  flat: 'flat service (no layering yet)',
};

function names(items: readonly DetectedItem[]): string {
  return items.length ? items.map((item) => item.name).join(', ') : '—';
}

/** The detected context as label/value rows: the terminal and the HTML page show the same facts. */
function exclusions(groups: readonly ScopeExclusion[]): string {
  return groups.map((group) => `${group.folder}/ (${group.files} file${group.files === 1 ? '' : 's'}, ${group.reason})`).join('; ');
}

export function contextRows(result: AnalysisResult): [label: string, value: string][] {
  const { context } = result;
  const ts = context.typescript.used ? `TypeScript${context.typescript.strict ? ' strict' : ' (not strict)'}` : 'JavaScript';
  const yes = (present: boolean): string => (present ? 'yes' : 'no');
  return [
    ['Shape', `${SHAPE_TITLES[context.shape] ?? context.shape} · ${context.size.modules} modules · ${context.size.routes} routes · ${context.size.entities} entities${context.size.workspaces ? ` · ${context.size.workspaces} workspaces` : ''}`],
    ['Language', `${ts} · ${MODULE_SYSTEMS[context.moduleSystem]}`],
    ['Framework', [names(context.frameworks), ...(context.apiStyles.length ? [`API ${names(context.apiStyles)}`] : []), ...(context.realtime.length ? [`realtime ${names(context.realtime)}`] : [])].join(' · ')],
    ['Data', `ORM ${names(context.orms)} · database ${names(context.databases)}`],
    ['Boundary', `validation ${names(context.validation)} · auth ${names(context.auth)}`],
    ['Runtime', `logger ${names(context.loggers)} · cache ${names(context.cache)} · queue ${names(context.queues)}`],
    ['Operations', `observability ${names(context.observability)} · flags ${names(context.featureFlags)}`],
    ...(context.frontends.length ? [['Front-ends', `${exclusions(context.frontends)}: not reviewed`] as [string, string]] : []),
    ...(context.excluded.length ? [['Left out', exclusions(context.excluded)] as [string, string]] : []),
    ['Delivery', `tests ${names(context.testRunners)} · Dockerfile ${yes(context.infrastructure.dockerfile)} · Compose ${yes(context.infrastructure.compose)} · CI ${context.infrastructure.ci.join(', ') || 'none'}`],
  ];
}
