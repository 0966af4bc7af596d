import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { ATTACHMENT_TYPES, contract, fileSizeText, isImageAttachment, type Attachment } from '@mashang/shared';
import { useState } from 'react';
import { routeUrl } from '../../services/api';
import { apiBase } from '../../services/http';
import { openFile } from '../../services/spreadsheet-files';
import './index.scss';

interface Props {
  /** The published disclosure the files belong to. */
  disclosureId: number;
  items: Attachment[];
}

/**
 * The photos and files published with a disclosure: photos as thumbnails (a small copy, so a list of
 * vouchers loads on a weak network) that open full size in the image viewer, where one can swipe
 * through them; PDFs as a line that downloads or opens the file. Nothing when there are none.
 */
export default function Attachments({ disclosureId, items }: Props) {
  const [problem, setProblem] = useState<string | null>(null);
  if (items.length === 0) return null;

  const path = (a: Attachment) => routeUrl(contract.village.disclosureAttachment, { params: { id: disclosureId, attachmentId: a.id } });
  const photos = items.filter((a) => isImageAttachment(a.type));
  const documents = items.filter((a) => !isImageAttachment(a.type));
  const fullSize = photos.map((a) => `${apiBase()}${path(a)}`);

  const showPhoto = (i: number) => {
    setProblem(null);
    Taro.previewImage({ current: fullSize[i], urls: fullSize }).catch(() => setProblem('照片没有打开，请再试一次'));
  };
  const openDocument = (a: Attachment) => {
    setProblem(null);
    openFile(path(a), a.name, { kind: 'pdf' }).catch((e: unknown) =>
      setProblem(e instanceof Error ? `「${a.name}」没有打开：${e.message}` : `「${a.name}」没有打开，请再试一次`),
    );
  };

  return (
    <View className='card attachments' data-testid='attachments'>
      <Text className='h2'>照片和文件（{items.length}）</Text>
      {photos.length > 0 && (
        <View className='attachments__photos'>
          {photos.map((a, i) => (
            <View
              key={a.id}
              className='attachments__photo'
              data-testid='attachment-photo'
              ariaRole='button'
              ariaLabel={`照片：${a.name}，点开看大图`}
              onClick={() => showPhoto(i)}
            >
              <Image className='attachments__thumb' src={`${fullSize[i]}?size=thumb`} mode='aspectFill' lazyLoad />
              <Text className='attachments__name'>{a.name}</Text>
            </View>
          ))}
        </View>
      )}
      {photos.length > 0 && <Text className='muted'>点照片看大图，可以左右滑动。</Text>}
      {documents.map((a) => (
        <View key={a.id} className='attachments__file' data-testid='attachment-file' ariaRole='link' onClick={() => openDocument(a)}>
          <Text className='link attachments__file-name'>{a.name}</Text>
          <Text className='attachments__file-size'>
            {ATTACHMENT_TYPES[a.type]} · {fileSizeText(a.size)} · 点击{process.env.TARO_ENV === 'h5' ? '下载' : '打开'}
          </Text>
        </View>
      ))}
      {problem && (
        <Text className='field-error' data-testid='attachments-error'>
          {problem}
        </Text>
      )}
    </View>
  );
}
