/**
 * H5: a hidden file input, opened at once (call it within the tap); resolves with the chosen files, none
 * when the dialog is cancelled (where browsers say so). Imports nothing, so the villager's pages can use it.
 */
export function chooseInBrowser({
  accept,
  multiple = false,
  testId,
}: {
  accept: string;
  multiple?: boolean;
  testId?: string;
}): Promise<File[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.multiple = multiple;
    input.style.display = 'none';
    if (testId) input.setAttribute('data-testid', testId);
    document.body.appendChild(input);
    const done = (files: File[]) => {
      input.remove();
      resolve(files);
    };
    input.addEventListener('change', () => done(Array.from(input.files ?? [])));
    input.addEventListener('cancel', () => done([]));
    input.click();
  });
}
