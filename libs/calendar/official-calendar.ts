import { createRequire } from 'node:module';

export interface CalendarDayEntry {
  date: string;
  isWorkingDay: boolean;
  note: string;
}

interface ChineseDaysData {
  // date -> "English name,中文名,length", e.g. "2025-01-28": "Spring Festival,春节,4"
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

// chinese-days is CommonJS; createRequire loads its JSON the same way under Node ESM and Jest.
const data: ChineseDaysData = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json');

const chineseName = (value: string): string => value.split(',')[1];

/** Official public holidays (not working) and adjusted working days (调休上班) for years >= fromYear, sorted by date. */
export function officialCalendarEntries(fromYear = 2024): CalendarDayEntry[] {
  const from = `${fromYear}-01-01`;
  const entries: CalendarDayEntry[] = [
    ...Object.entries(data.holidays).map(([date, v]) => ({
      date,
      isWorkingDay: false,
      note: chineseName(v),
    })),
    ...Object.entries(data.workdays).map(([date, v]) => ({
      date,
      isWorkingDay: true,
      note: `${chineseName(v)}调休上班`,
    })),
  ];
  return entries.filter((e) => e.date >= from).sort((a, b) => a.date.localeCompare(b.date));
}

export function officialYears(): number[] {
  const years = new Set(
    [...Object.keys(data.holidays), ...Object.keys(data.workdays)].map((d) => Number(d.slice(0, 4))),
  );
  return [...years].sort((a, b) => a - b);
}

/**
 * The State Council notices behind the arrangements `chinese-days` lists, recorded with the years the reference
 * data installs. A later year's notice is imported by the info office (POST /calendar/years/:year/arrangement).
 */
export const PACKAGED_NOTICES: Readonly<Record<number, string>> = {
  2024: '国办发明电〔2023〕7号',
  2025: '国办发明电〔2024〕12号',
  2026: '国办发明电〔2025〕7号',
};

export function noticeTitle(year: number): string {
  return `国务院办公厅关于${year}年部分节假日安排的通知`;
}
