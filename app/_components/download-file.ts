/**
 * Save text or bytes as a file through a Blob URL (nothing leaves the machine).
 * @param content - File contents.
 * @param name - Suggested file name.
 * @param type - MIME type.
 */
export function downloadFile(content: string | Uint8Array, name: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content as BlobPart], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoke later: some browsers start the download asynchronously after click().
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
