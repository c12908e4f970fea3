import { CORE } from './core.js';
import { CYCLES } from './cycles.js';
import { FINDINGS } from './findings.js';
import { LAYERS } from './layers.js';
import { MODULES } from './modules.js';
import { ROUTES } from './routes.js';

/**
 * The page's one script. A section that throws is reported on the console and the others still
 * load; the `data-ready` attribute and the `strata-ready` mark tell a test, or the bench, when the
 * page became usable.
 */
export const CLIENT_SCRIPT = `(function () {
'use strict';
${CORE}${FINDINGS}${LAYERS}${MODULES}${CYCLES}${ROUTES}
[initFindings, initRoutes, initLayers, initModules, initCycles, initUnlayered].forEach(function (init) {
  try { init(); } catch (error) { console.error('strata report: ' + init.name + ' failed', error); }
});
document.documentElement.setAttribute('data-ready', 'true');
if (window.performance && performance.mark) performance.mark('strata-ready');
})();
`;
