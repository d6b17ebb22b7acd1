import { useEffect, useState } from 'react';
import { localDate } from '../utils/format-date-time';

const CHECK_EVERY_MS = 30_000;

/** The browser's calendar day (`YYYY-MM-DD`), moving on at its midnight. */
export function useLocalDate(): string {
  const [today, setToday] = useState(() => localDate(Date.now()));
  useEffect(() => {
    const timer = setInterval(() => setToday(localDate(Date.now())), CHECK_EVERY_MS);
    return () => clearInterval(timer);
  }, []);
  return today;
}
