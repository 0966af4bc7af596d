/** What shows that the app's page has taken over: the village page's content or its final message. */
const VILLAGE_READY = ['village-name', 'no-village', 'error'].map((id) => `.taro_page [data-testid="${id}"]`).join(',');

function pageReady(villageShell: boolean): boolean {
  if (villageShell) return document.querySelector(VILLAGE_READY) !== null;
  // Any page's own first render (its loading state included) replaces the shell's loading line.
  return Array.from(document.querySelectorAll('.taro_page')).some((page) => page.childElementCount > 0);
}

/**
 * H5: the HTML shell's first screen (src/index.html; for `/v/<code>` the server writes the village's
 * name, 我要反映 and the hotline into it) stays on top until the app's page has rendered, then goes:
 * the villager sees no blank frame and no flash of a loading state in between.
 */
export function handOverFirstScreen(): void {
  const shell = document.getElementById('first-screen');
  if (!shell) return;
  const villageShell = shell.hasAttribute('data-village');
  const observer = new MutationObserver(() => {
    if (!pageReady(villageShell)) return;
    observer.disconnect();
    shell.remove();
  });
  observer.observe(document.body, { childList: true, subtree: true });
}
