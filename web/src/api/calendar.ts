import type { CalendarHoliday, CalendarSource, CalendarYearDetail, CalendarYearInput, CalendarYearList, CalendarYearSummary } from '@shared/calendar.ts';
import { api, ifMatch } from './client.ts';

export type { CalendarHoliday, CalendarSource, CalendarYearDetail, CalendarYearInput, CalendarYearList, CalendarYearSummary };

export const calendarApi = {
  list: (signal?: AbortSignal) => api.get<CalendarYearList>('/api/calendar/years', { signal }),
  get: (year: number, signal?: AbortSignal) => api.get<CalendarYearDetail>(`/api/calendar/years/${year}`, { signal }),
  /** The whole year; `version` 0 creates the admin entry over the official (or missing) one. */
  set: (year: number, version: number, input: CalendarYearInput) => api.put<CalendarYearDetail>(`/api/calendar/years/${year}`, input, { headers: ifMatch(version) }),
};
