/** A sheet of an export, independent of the format it is written in (export/csv.ts, export/xlsx.ts). */
export type Cell = string | number | null;

export interface Column {
  header: string;
  /** `decimal` numbers are written with two decimals; `text` may be long (wrapped in XLSX). */
  type: 'text' | 'longText' | 'integer' | 'decimal';
}

export interface Table {
  /** The sheet's name in a workbook (at most 31 characters, none of []:*?/\). */
  name: string;
  columns: Column[];
  rows: Cell[][];
}
