// @ts-check
// The readings' SQLite connection, on a thread of its own (see sqlite-writer-thread.ts): runs each
// statement it is sent as TypeORM's better-sqlite3 driver would (rows for a statement that returns
// rows, else the last inserted rowid) and answers with the result or the error's message and code.
// Plain JavaScript so that the built server and the test runner start the same file.
const { parentPort, workerData } = require('node:worker_threads');
const Database = require('better-sqlite3');

/** As many prepared statements as TypeORM's driver keeps; the oldest goes first. */
const STATEMENT_CACHE_SIZE = 100;

if (!parentPort) throw new Error('sqlite-writer.worker.cjs runs as a worker thread only');
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

port.on(
  'message',
  (/** @type {{ id: number, sql: string, parameters: unknown[] } | { close: true }} */ message) => {
    if ('close' in message) {
      // The connection closes (and checkpoints its log) before the thread ends.
      database.close();
      port.close();
      return;
    }
    const { id, sql, parameters } = message;
    try {
      const statement = statementFor(sql);
      const result = statement.reader
        ? statement.all(...parameters)
        : statement.run(...parameters).lastInsertRowid;
      port.postMessage({ id, result });
    } catch (error) {
      const { message: text, code } = /** @type {{ message: string, code?: string }} */ (error);
      port.postMessage({ id, error: { message: text, code } });
    }
  },
);
