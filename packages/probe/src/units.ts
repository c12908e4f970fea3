export function formatMs(ms: number): string {
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  return ms >= 10 ? `${Math.round(ms)} ms` : `${ms.toFixed(1)} ms`;
}

export function formatBytes(bytes: number): string {
  const sign = bytes < 0 ? '-' : '';
  const size = Math.abs(bytes);
  if (size >= 1024 * 1024) return `${sign}${(size / 1024 / 1024).toFixed(1)} MB`;
  if (size >= 1024) return `${sign}${(size / 1024).toFixed(1)} KB`;
  return `${sign}${Math.round(size)} B`;
}

export function formatShare(share: number): string {
  return `${Math.round(share * 100)}%`;
}
