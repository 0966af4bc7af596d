/**
 * H5: app.scss sets the root size from the browser's and the `elder` class enlarges it, so there is no
 * `page-meta`; Taro's H5 one would bring the web-component runtime onto every villager's first load.
 */
export function RootFontSize(_props: { elder: boolean }): null {
  return null;
}
