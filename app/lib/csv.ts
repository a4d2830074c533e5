/**
 * One CSV row, quoted where needed. Cells that a spreadsheet would run as a formula (starting
 * with = + - @ or a control character) are prefixed with an apostrophe: CSV injection.
 */
export function csvRow(cells: Array<string | null | undefined>): string {
  return cells
    .map((cell) => {
      let value = cell ?? "";
      if (/^[=+\-@\t\r]/.test(value)) value = `'${value}`;
      return /[",;\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
    })
    .join(";");
}
