import { z } from 'zod';
import { expecting } from '../validation/format-issues';

/** `GET /schedule?date=YYYY-MM-DD`: the day's list, by the clinic's calendar. */
export const scheduleQuerySchema = z.strictObject({
  date: z.iso.date({ error: expecting('must be a date (YYYY-MM-DD)') }),
});
export type ScheduleQuery = z.infer<typeof scheduleQuerySchema>;
