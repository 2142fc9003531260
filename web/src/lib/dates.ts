import dayjs, { type Dayjs } from 'dayjs';
import 'dayjs/locale/zh-cn';
import i18n from '../i18n/index.ts';

/*
 * antd's date pickers format through dayjs, whose locale is global and separate from antd's
 * own: without this, a Chinese page would show English month names and weeks starting Sunday.
 * Imported by the pages that show dates, so dayjs stays out of the other chunks.
 */
function applyLocale(lng: string | undefined) {
  dayjs.locale(lng === 'en' ? 'en' : 'zh-cn');
}
applyLocale(i18n.language);
i18n.on('languageChanged', applyLocale);

/** Dates travel as ISO calendar dates (`YYYY-MM-DD`), as do the dates on 执法证. */
export const DATE_FORMAT = 'YYYY-MM-DD';

export function parseDay(value: string | null | undefined): Dayjs | null {
  if (!value) return null;
  const day = dayjs(value, DATE_FORMAT);
  return day.isValid() ? day : null;
}

export function formatDay(value: Dayjs | null | undefined): string | null {
  return value ? value.format(DATE_FORMAT) : null;
}

// The record's times are shown in China time wherever the browser is (a reviewer abroad, a
// server in UTC): the same instant reads the same on every screen and in every document.
const CHINA_TIME = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

/** An ISO timestamp as China time (UTC+8), to the second. */
export function formatDateTime(iso: string): string {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso : CHINA_TIME.format(at);
}

// The legal date is the China calendar date, wherever the browser is.
const CHINA_DATE = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today in China (the legal calendar of every act), YYYY-MM-DD, whatever the browser's time zone. */
export function chinaToday(): string {
  return CHINA_DATE.format(new Date());
}
