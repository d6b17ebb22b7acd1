// @ts-check
// A SQLite connection on a thread of its own (the readings' writer, the sweep's reader) (see sqlite-thread.ts): runs the
// statements of each message in order, as TypeORM's better-sqlite3 driver would (rows for a
// statement that returns rows, else the last inserted rowid), first beginning a transaction if
// asked, and answers with their results or the first error's message, code and statement.
// Plain JavaScript so that the built server and the test runner start the same file.
const { parentPort, workerData } = require('node:worker_threads');
const Database = require('better-sqlite3');

/** As many prepared statements as TypeORM's driver keeps; the oldest goes first. */
const STATEMENT_CACHE_SIZE = 100;

if (!parentPort) throw new Error('sqlite-thread.worker.cjs runs as a worker thread only');
const port = parentPort;
/** @type {{ path: string, pragmas: string[] }} */
const { path, pragmas } = workerData;
const database = new Database(path);
for (const pragma of pragmas) database.pragma(pragma);

/** @type {Map<string, import('better-sqlite3').Statement>} */
const statements = new Map();

/** @param {string} sql */
function statementFor(sql) {
  let statement = statements.get(sql);
  if (!statement) {
    statement = database.prepare(sql);
    statements.set(sql, statement);
    if (statements.size > STATEMENT_CACHE_SIZE) {
      const oldest = statements.keys().next().value;
      if (oldest !== undefined) statements.delete(oldest);
    }
  }
  return statement;
}

/**
 * A statement's result as TypeORM's driver gives it: rows, or the last inserted rowid. A write
 * that changed other than the rows it expected fails (sqlite-thread.ts, ROWS_NOT_AS_EXPECTED).
 * @param {Statement} statement
 */
function run({ sql, parameters, expectChanges }) {
  const prepared = statementFor(sql);
  if (prepared.reader) return prepared.all(...parameters);
  const { changes, lastInsertRowid } = prepared.run(...parameters);
  if (expectChanges !== undefined && changes !== expectChanges) {
    throw Object.assign(new Error(`changed ${changes} rows, not the ${expectChanges} expected`), {
      code: 'VIGIL_ROWS_NOT_AS_EXPECTED',
    });
  }
  return lastInsertRowid;
}

/**
 * @typedef {{ sql: string, parameters: unknown[], expectChanges?: number }} Statement
 * @typedef {{ id: number, statements: Statement[], begin: boolean }} Work
 */
port.on('message', (/** @type {Work | { close: true }} */ message) => {
  if ('close' in message) {
    // The connection closes (and checkpoints its log) before the thread ends.
    database.close();
    port.close();
    return;
  }
  const { id, statements, begin } = message;
  // Which statement failed: -1 for the transaction's BEGIN.
  let index = -1;
  try {
    if (begin) statementFor('BEGIN IMMEDIATE').run();
    /** @type {unknown[]} */
    const results = [];
    for (index = 0; index < statements.length; index += 1) {
      results.push(run(/** @type {Statement} */ (statements[index])));
    }
    port.postMessage({ id, results });
  } catch (error) {
    const { message: text, code } = /** @type {{ message: string, code?: string }} */ (error);
    port.postMessage({ id, error: { message: text, code, index } });
  }
});
