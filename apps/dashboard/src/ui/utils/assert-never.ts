/** Makes a switch exhaustive: adding a case to the union breaks the build until it is handled. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled value: ${String(value)}`);
}
