import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../client';
import type { CalendarDay } from '../interim-types';
import { withQuery } from './query';

/** GET /calendar/days: the working-day calendar between two dates (the countdowns count its working days). */
export function useCalendarDays(from: string, to: string) {
  return useQuery({
    queryKey: ['calendar-days', from, to],
    queryFn: () => unwrap<CalendarDay[]>(api.GET('/api/v1/calendar/days', withQuery({ from, to }))),
    staleTime: 60 * 60_000,
  });
}
