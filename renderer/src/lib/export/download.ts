// Browser mode has no save dialog: an export answers with a URL on the local server, which the
// view fetches as a download through a temporary <a download> link.

export function triggerDownload(url: string, fileName: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
}
