import { PGlite } from '@electric-sql/pglite';
let t = performance.now();
const lap = (n: string) => { const x = performance.now(); console.log(n, (x - t).toFixed(0)); t = x; };
const c = await PGlite.create('memory://'); lap('pglite');
const dump = await c.dumpDataDir('none'); lap('dump ' + dump.size);
const c2 = await PGlite.create({ loadDataDir: dump }); lap('pglite from dump');
const c3 = await PGlite.create('memory://'); lap('pglite 2');
