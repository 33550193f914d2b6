// Copying text: the async Clipboard API, and where it is refused (no focus, no permission, an
// old engine) the classic way through a hidden textarea and document.execCommand('copy').

export async function copyText(text: string): Promise<void> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return;
    }
  } catch {
    // fall through to the textarea
  }
  copyWithTextarea(text);
}

function copyWithTextarea(text: string): void {
  const textarea = document.createElement('textarea');
  textarea.value = text;
  textarea.setAttribute('readonly', '');
  textarea.setAttribute('aria-hidden', 'true');
  textarea.style.position = 'fixed';
  textarea.style.top = '-1000px';
  textarea.style.opacity = '0';
  const active = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  document.body.append(textarea);
  textarea.select();
  let copied: boolean;
  try {
    copied = document.execCommand('copy');
  } finally {
    textarea.remove();
    active?.focus();
  }
  if (!copied) throw new Error('The browser did not allow copying to the clipboard');
}
