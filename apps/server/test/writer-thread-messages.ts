import { Worker } from 'node:worker_threads';

/**
 * Records the SQL of every message to a SQLite thread from here on, one list of statements per
 * message, and still sends it: how many round trips a transaction takes, and what travels
 * together. Undone by `jest.restoreAllMocks()`.
 */
export function recordWriterThreadMessages(): string[][] {
  const messages: string[][] = [];
  const postMessage = Worker.prototype.postMessage;
  jest.spyOn(Worker.prototype, 'postMessage').mockImplementation(function (
    this: Worker,
    message: unknown,
  ) {
    const { statements } = message as { statements?: Array<{ sql: string }> };
    if (statements) messages.push(statements.map(({ sql }) => sql));
    postMessage.call(this, message);
  });
  return messages;
}
