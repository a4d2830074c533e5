/** Kinds shown inline (in a sandbox) rather than downloaded: PDF and raster images, never SVG. */
const PREVIEWABLE = new Set([
  "application/pdf",
  "image/png",
  "image/jpeg",
  "image/gif",
  "image/webp",
]);

export const isPreviewable = (mimeType: string) => PREVIEWABLE.has(mimeType);
