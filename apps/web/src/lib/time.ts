import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.locale('zh-cn');

/** The product's time zone: every time is shown as Beijing time, whatever the browser's zone. */
export const ZONE = 'Asia/Shanghai';

export const inZone = (at: string | Date) => dayjs(at).tz(ZONE);
export const formatDateTime = (at: string | Date | undefined | null) =>
  at ? inZone(at).format('YYYY-MM-DD HH:mm') : '—';
export const formatDate = (at: string | Date | undefined | null) =>
  at ? inZone(at).format('YYYY-MM-DD') : '—';
export const today = () => dayjs().tz(ZONE).format('YYYY-MM-DD');

export { dayjs };
