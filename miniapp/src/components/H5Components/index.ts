/**
 * H5 only: config/index.ts points `@tarojs/components` here. View and Text, which is all the village page
 * renders, are plain elements (./html); every other component is Taro's web component as before. The
 * village page so loads no web-component runtime (Stencil) on a villager's first visit, while inputs,
 * buttons, images and the rest keep the look and behaviour the pages were written for.
 * The mini program never sees this module.
 */
export { Text, View } from './html';
export * from '@tarojs/components/lib/react';
