import { median } from '../lib/stats.js';
import { type Figures, figuresOf } from './figures.js';
import type { SizeResult } from './types.js';

interface Series {
  name: string;
  color: string;
  dashed: boolean;
  points: [users: number, seconds: number][];
}

const W = 860;
const H = 440;
const PAD = { left: 64, right: 320, top: 40, bottom: 56 };
const COLORS = { mariadb: '#1f6fb4', sqlite: '#d9701e', resync: '#2e9a4a', dump: '#777777' };

function seriesOf(all: Figures[]): Series[] {
  const pick = (db: Figures['db'], value: (f: Figures) => number): [number, number][] =>
    all.filter((f) => f.db === db).map((f) => [f.users, value(f) / 1000]);
  const sizes = [...new Set(all.map((f) => f.users))].sort((a, b) => a - b);
  const dump = sizes.map((u): [number, number] => [
    u,
    median(all.filter((f) => f.users === u).map((f) => f.dump)) / 1000,
  ]);
  const list: Series[] = [
    {
      name: 'ours: full import, MariaDB',
      color: COLORS.mariadb,
      dashed: false,
      points: pick('mariadb', (f) => f.full),
    },
    {
      name: 'T_dump + T_upsert (mysql2), MariaDB',
      color: COLORS.mariadb,
      dashed: true,
      points: pick('mariadb', (f) => f.floor),
    },
    { name: 'ours: full import, SQLite', color: COLORS.sqlite, dashed: false, points: pick('sqlite', (f) => f.full) },
    {
      name: 'T_dump + T_upsert (better-sqlite3), SQLite',
      color: COLORS.sqlite,
      dashed: true,
      points: pick('sqlite', (f) => f.floor),
    },
    {
      name: 'ours: unchanged re-sync, MariaDB',
      color: COLORS.resync,
      dashed: false,
      points: pick('mariadb', (f) => f.resync),
    },
    { name: 'T_dump (ldapsearch)', color: COLORS.dump, dashed: true, points: dump },
  ];
  return list.filter((s) => s.points.length > 0);
}

/** A round step giving about `count` ticks up to max. */
function tickStep(max: number, count: number): number {
  const raw = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * magnitude).find((step) => step >= raw) ?? raw;
}

function axes(maxSeconds: number, x: (u: number) => number, y: (sec: number) => number, sizes: number[]): string[] {
  const out = [
    `<line x1="${PAD.left}" y1="${H - PAD.bottom}" x2="${W - PAD.right}" y2="${H - PAD.bottom}" stroke="#333"/>`,
    `<line x1="${PAD.left}" y1="${PAD.top}" x2="${PAD.left}" y2="${H - PAD.bottom}" stroke="#333"/>`,
  ];
  const step = tickStep(maxSeconds, 8);
  for (let v = 0; v <= maxSeconds + 1e-9; v += step) {
    out.push(`<line x1="${PAD.left}" y1="${y(v)}" x2="${W - PAD.right}" y2="${y(v)}" stroke="#e5e5e5"/>`);
    out.push(`<text x="${PAD.left - 8}" y="${y(v) + 4}" text-anchor="end">${Number(v.toFixed(3))}</text>`);
  }
  for (const u of [0, ...sizes])
    out.push(`<text x="${x(u)}" y="${H - PAD.bottom + 18}" text-anchor="middle">${u.toLocaleString('en-US')}</text>`);
  out.push(
    `<text x="${(PAD.left + W - PAD.right) / 2}" y="${H - 14}" text-anchor="middle">users in the directory</text>`,
  );
  out.push(
    `<text transform="translate(18 ${(PAD.top + H - PAD.bottom) / 2}) rotate(-90)" text-anchor="middle">seconds</text>`,
  );
  return out;
}

/** Sync time against directory size, ours against the baselines of the same run, as a hand-written SVG. */
export function chartSvg(results: SizeResult[]): string {
  const all = results.map(figuresOf);
  const series = seriesOf(all);
  const sizes = [...new Set(all.map((f) => f.users))].sort((a, b) => a - b);
  const maxUsers = Math.max(...sizes, 1);
  const maxSeconds = Math.max(...series.flatMap((s) => s.points.map(([, sec]) => sec)), 0.001) * 1.08;
  const x = (u: number): number => Number((PAD.left + (u / maxUsers) * (W - PAD.left - PAD.right)).toFixed(1));
  const y = (sec: number): number =>
    Number((H - PAD.bottom - (sec / maxSeconds) * (H - PAD.top - PAD.bottom)).toFixed(1));
  const lines = series.flatMap((s, i) => {
    const path = s.points.map(([u, sec]) => `${x(u)},${y(sec)}`).join(' ');
    const dash = s.dashed ? ' stroke-dasharray="6 4"' : '';
    const legendY = PAD.top + 10 + i * 22;
    return [
      `<polyline points="${path}" fill="none" stroke="${s.color}" stroke-width="2"${dash}/>`,
      ...s.points.map(
        ([u, sec]) =>
          `<circle cx="${x(u)}" cy="${y(sec)}" r="3.5" fill="${s.color}"><title>${s.name}: ${sec.toFixed(2)} s at ${u} users</title></circle>`,
      ),
      `<line x1="${W - PAD.right + 16}" y1="${legendY}" x2="${W - PAD.right + 40}" y2="${legendY}" stroke="${s.color}" stroke-width="2"${dash}/>`,
      `<text x="${W - PAD.right + 46}" y="${legendY + 4}">${s.name}</text>`,
    ];
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="${PAD.left}" y="22" font-size="14" font-weight="bold">Sync time against directory size (bench/sync.bench.ts)</text>`,
    ...axes(maxSeconds, x, y, sizes),
    ...lines,
    '</svg>',
    '',
  ].join('\n');
}
