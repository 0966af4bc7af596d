import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { contract, isImageAttachment, type Attachment } from '@mashang/shared';
import { useEffect, useState } from 'react';
import { routeUrl } from '../../../services/api';
import { apiBase } from '../../../services/http';
import { openFile } from '../../../services/spreadsheet-files';
import { sessionToken } from '../../../stores/session-store';
import { handledAuthError } from '../../hooks/use-staff-api';
import { problemText } from '../../problem';

interface Props {
  reportNo: string;
  items: Attachment[];
}

const IS_H5 = process.env.TARO_ENV === 'h5';

/**
 * The reporter's photos and files on the case: small copies that open full size (or the PDF) on a tap.
 * They are evidence and never public: H5 loads them with the session cookie, the mini program downloads
 * each small copy with the session's token (an image tag cannot send one).
 */
export default function CasePhotos({ reportNo, items }: Props) {
  const [thumbs, setThumbs] = useState<Record<number, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const path = (a: Attachment) => routeUrl(contract.reportAttachment.caseAttachment, { params: { reportNo, attachmentId: a.id } });
  const photos = items.filter((a) => isImageAttachment(a.type));

  useEffect(() => {
    if (IS_H5 || photos.length === 0) return;
    let live = true;
    const token = sessionToken();
    void Promise.all(
      photos.map(async (a) => {
        const result = await Taro.downloadFile({
          url: `${apiBase()}${path(a)}?size=thumb`,
          header: token ? { Authorization: `Bearer ${token}` } : {},
        }).catch(() => null);
        return result?.statusCode === 200 ? ([a.id, result.tempFilePath] as const) : null;
      }),
    ).then((loaded) => live && setThumbs(Object.fromEntries(loaded.filter((l) => l !== null))));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the list changes only with the case; `photos` is a new array each render
  }, [reportNo, items.map((a) => a.id).join()]);

  if (items.length === 0) return null;
  const open = (a: Attachment) => {
    setProblem(null);
    openFile(path(a), a.name, { kind: isImageAttachment(a.type) ? 'image' : 'pdf', staff: true }).catch((e: unknown) => {
      if (!handledAuthError(e)) setProblem(`「${a.name}」没有打开：${problemText(e)}`);
    });
  };

  return (
    <View data-testid='case-photos'>
      <Text className='s-label'>反映人附的照片和文件（{items.length}）</Text>
      <View className='case__photos'>
        {items.map((a) => (
          <View
            key={a.id}
            className='case__photo'
            data-testid='case-photo'
            onClick={() => open(a)}
            ariaRole='button'
            ariaLabel={`${a.name}，点开看`}
          >
            {isImageAttachment(a.type) ? (
              <Image className='case__photo-thumb' src={IS_H5 ? `${path(a)}?size=thumb` : (thumbs[a.id] ?? '')} mode='aspectFill' />
            ) : (
              <View className='case__photo-thumb case__photo-file'>
                <Text className='s-text'>PDF</Text>
              </View>
            )}
            <Text className='s-muted'>{a.name}</Text>
          </View>
        ))}
      </View>
      <Text className='s-muted'>点开看大图。照片的拍摄地点和手机信息已去掉。</Text>
      {problem && (
        <Text className='s-warning' data-testid='case-photo-problem'>
          {problem}
        </Text>
      )}
    </View>
  );
}
