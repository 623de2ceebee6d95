/**
 * Source of the worker thread that owns the PGlite instance, run with `eval: true` so no
 * build step or loader is needed. Plain JavaScript on purpose: it runs outside the
 * TypeScript toolchain. Protocol types: ./protocol.ts.
 */
export const PGLITE_WORKER_SOURCE = `
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const { PGlite } = require(workerData.pglitePath);

const ERROR_FIELDS = ['code', 'severity', 'detail', 'hint', 'position', 'schema', 'table', 'column',
  'dataType', 'constraint', 'routine', 'where'];
function toWire(err) {
  const fields = {};
  for (const f of ERROR_FIELDS) if (err && err[f] !== undefined) fields[f] = err[f];
  return { message: err && err.message ? String(err.message) : String(err), fields };
}
const identity = (v) => v;

let pg;
async function handle(req) {
  if (req.op === 'query') {
    const parsers = {};
    for (const oid of req.rawOids) parsers[oid] = identity;
    const r = await pg.query(req.text, req.params, { rowMode: req.rowMode, parsers });
    return {
      rows: r.rows,
      fields: r.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })),
      affectedRows: r.affectedRows || 0,
    };
  }
  if (req.op === 'exec') {
    await pg.exec(req.text);
    return null;
  }
  await pg.close();
  return null;
}

PGlite.create({
  dataDir: workerData.dataDir,
  pgliteWasmModule: workerData.pgliteWasmModule,
  initdbWasmModule: workerData.initdbWasmModule,
}).then(
  (instance) => {
    pg = instance;
    parentPort.on('message', (req) => {
      handle(req).then(
        (result) => parentPort.postMessage({ id: req.id, ok: true, result }),
        (err) => parentPort.postMessage({ id: req.id, ok: false, error: toWire(err) }),
      );
    });
    parentPort.postMessage({ id: 0, ready: true });
  },
  (err) => parentPort.postMessage({ id: 0, initError: toWire(err) }),
);
`;
