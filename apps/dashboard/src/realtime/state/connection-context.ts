import { createContext, useContext } from 'react';
import type { ConnectionState } from './connection-watch';

/** The live connection as the app shell follows it; null for a role that gets no live updates. */
export const ConnectionContext = createContext<ConnectionState | null>(null);

export function useConnectionState(): ConnectionState | null {
  return useContext(ConnectionContext);
}
