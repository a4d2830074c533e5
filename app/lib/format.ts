/** A file size the way people read it: "820 kB", "4,2 MB". */
export function formatBytes(bytes: number, locale: string): string {
  const units = ["B", "kB", "MB", "GB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${value.toLocaleString(locale === "en" ? "en-GB" : "da-DK", { maximumFractionDigits: digits })} ${units[unit]}`;
}
