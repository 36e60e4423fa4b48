/** The wall's period choices, as inclusive UTC dates (the core compares YYYY-MM-DD). */
export const PERIODS = [
  { id: 'all', label: 'All time' },
  { id: '7d', label: 'Last 7 days' },
  { id: '30d', label: 'Last 30 days' },
  { id: 'month', label: 'This month' },
  { id: '90d', label: 'Last 90 days' },
] as const;
export type PeriodId = (typeof PERIODS)[number]['id'];

const iso = (d: Date) => d.toISOString().slice(0, 10);

export function periodRange(id: PeriodId, now = new Date()): { from?: string; to?: string } {
  const days = (n: number) => iso(new Date(now.getTime() - (n - 1) * 86_400_000));
  switch (id) {
    case 'all':
      return {};
    case '7d':
      return { from: days(7), to: iso(now) };
    case '30d':
      return { from: days(30), to: iso(now) };
    case '90d':
      return { from: days(90), to: iso(now) };
    case 'month':
      return { from: `${iso(now).slice(0, 7)}-01`, to: iso(now) };
  }
}
