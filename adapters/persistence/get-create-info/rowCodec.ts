import { SPECIAL_BITS, type SpecialName } from '../../../core/get-create-info/createInfoShape.js';
import { rowDate } from '../sqlDate.js';
import type { Column } from './createInfoTables.js';

export type Row = Record<string, unknown>;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** SQLite keeps Sequelize dates as `YYYY-MM-DD HH:mm:ss.SSS +00:00`; MySQL gives Date objects or `YYYY-MM-DD HH:mm:ss[.SSS]`. */
function dateTimeText(value: unknown): string {
  if (value instanceof Date) return value.toISOString().slice(0, 19).replace('T', ' ');
  return String(value).slice(0, 19).replace('T', ' ');
}

function isoText(value: unknown): string {
  return rowDate(value instanceof Date ? value : String(value)).toISOString();
}

function dateText(value: unknown): string {
  if (value instanceof Date) return `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
  return String(value).slice(0, 10);
}

export function specialNamesOf(mask: number): SpecialName[] {
  return SPECIAL_BITS.filter(({ bit }) => (mask & bit) !== 0).map(({ name }) => name);
}

export function specialMaskOf(names: readonly string[]): number {
  return SPECIAL_BITS.reduce((mask, { bit, name }) => (names.includes(name) ? mask | bit : mask), 0);
}

/** One column's stored value as the response field wants it. */
function decode(column: Column, value: unknown): unknown {
  if (value === null || value === undefined) return column.kind === 'specialMask' ? [] : null;
  switch (column.kind) {
    case 'boolean':
      return typeof value === 'boolean' ? value : Number(value) !== 0;
    case 'integer':
      return Number(value);
    case 'date':
      return dateText(value);
    case 'time':
      return String(value).slice(0, 8);
    case 'dateTime':
      return dateTimeText(value);
    case 'isoDateTime':
      return isoText(value);
    case 'specialMask':
      return specialNamesOf(Number(value));
    case 'json':
      return JSON.parse(String(value)) as unknown;
    default:
      return value;
  }
}

/** A row of a table (its columns under `prefix` when joined) as the object of its shape level; children are attached by the caller. */
export function fromRow(columns: readonly Column[], row: Row, prefix = ''): Row {
  const out: Row = {};
  for (const column of columns) {
    if (!column.field) continue;
    const value = row[prefix ? `${prefix}${column.column}` : column.column];
    if (column.kind === 'code') {
      out[column.field] = value === null || value === undefined ? null : { code: String(value), name: null };
    } else if (column.kind === 'name') {
      const codeName = out[column.field] as { name: unknown } | null;
      if (codeName) codeName.name = value ?? null;
    } else {
      out[column.field] = decode(column, value);
    }
  }
  return out;
}

/** How date-times are written: Date objects for Sequelize, text for raw bulk SQL. */
export type DateWriting = 'date-objects' | 'text';

function encode(column: Column, value: unknown, dates: DateWriting): unknown {
  if (column.kind === 'specialMask') return specialMaskOf((value ?? []) as string[]);
  if (value === null || value === undefined) return null;
  switch (column.kind) {
    case 'dateTime':
      return dates === 'text' ? value : new Date(`${String(value).replace(' ', 'T')}Z`);
    case 'isoDateTime':
      return dates === 'text' ? String(value).slice(0, 23).replace('T', ' ') : new Date(String(value));
    case 'json':
      return JSON.stringify(value);
    case 'code':
      return (value as { code: string }).code;
    case 'name':
      return (value as { name: string | null }).name;
    default:
      return value;
  }
}

/** The row of a table for one object of its shape level; `extra` fills link columns. */
export function toRow(columns: readonly Column[], object: Row, extra: Row = {}, dates: DateWriting = 'date-objects'): Row {
  const row: Row = {};
  for (const column of columns) {
    row[column.column] = column.column in extra ? extra[column.column] : encode(column, object[column.field], dates);
  }
  return row;
}
