import { Image, Text, View } from '@tarojs/components';
import { MAX_REPORT_ATTACHMENTS } from '@mashang/shared/labels';
import { useRef, useState } from 'react';
import { buttonProps } from '../Field/a11y';
import { isApiError } from '../../services/http';
import { MAX_MB, type PickedFile, pickFiles, uploadFile } from '../../services/upload';
import './index.scss';

interface Item {
  key: number;
  name: string;
  kind: PickedFile['kind'];
  preview: string | null;
  /** The upload id once the server has the file. */
  id: string | null;
}

interface Props {
  /** The ids of the files the server has, in the order added: the filing names them. */
  onChange: (ids: string[]) => void;
  /** Files are being sent: the page waits with its submit. */
  onBusy: (busy: boolean) => void;
}

const IS_H5 = process.env.TARO_ENV === 'h5';
const WHAT = IS_H5 ? '照片或 PDF 文件' : '照片';

/**
 * 「照片（可不加）」 on the report form: the limits in words before anything is picked, each file sent as
 * soon as it is picked (one refused, too big or not a photo, leaves the others), shown as a small
 * picture with 删去. Photos lose their location and phone details on the server, which the note says.
 */
export default function PhotoPicker({ onChange, onBusy }: Props) {
  const [items, setItems] = useState<Item[]>([]);
  const [sending, setSending] = useState<string | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const nextKey = useRef(1);
  const room = MAX_REPORT_ATTACHMENTS - items.length;

  const publish = (next: Item[]) => {
    setItems(next);
    onChange(next.flatMap((i) => (i.id ? [i.id] : [])));
  };

  const add = async () => {
    if (sending || room <= 0) return;
    setProblems([]);
    const picked = await pickFiles(room);
    const found = [...picked.problems];
    let list = items;
    if (picked.files.length) onBusy(true);
    try {
      for (const [i, file] of picked.files.entries()) {
        setSending(picked.files.length > 1 ? `正在上传第 ${i + 1} / ${picked.files.length} 个……` : '正在上传……');
        try {
          const receipt = await uploadFile(file);
          const name = file.kind === 'pdf' ? file.name : '照片';
          list = [...list, { key: nextKey.current++, name, kind: receipt.kind, preview: file.preview, id: receipt.id }];
          publish(list);
        } catch (e) {
          found.push(`${file.kind === 'pdf' ? `「${file.name}」` : '有一张照片'}没有加上：${isApiError(e) ? e.message : '请再试一次'}`);
        }
      }
    } finally {
      setSending(null);
      setProblems(found);
      if (picked.files.length) onBusy(false);
    }
  };

  const remove = (key: number) => {
    if (sending) return;
    setProblems([]);
    publish(items.filter((i) => i.key !== key));
  };

  return (
    <View className='photo-picker' data-testid='photo-picker'>
      <Text className='muted photo-picker__limits' data-testid='photo-limits'>
        可以加{WHAT}，最多 {MAX_REPORT_ATTACHMENTS} 个，每个不超过 {MAX_MB}
        MB。照片的拍摄地点、手机型号等信息会自动去掉。
      </Text>
      {items.length > 0 && (
        <View className='photo-picker__grid'>
          {items.map((item, i) => (
            <View key={item.key} className='photo-picker__item' data-testid='photo-item'>
              {item.kind === 'image' && item.preview ? (
                <Image className='photo-picker__thumb' src={item.preview} mode='aspectFill' ariaLabel={`第 ${i + 1} 张照片`} />
              ) : (
                <View className='photo-picker__thumb photo-picker__thumb--file'>
                  <Text className='photo-picker__file-name'>{item.name}</Text>
                </View>
              )}
              <View className='link photo-picker__remove' data-testid='photo-remove' {...buttonProps()} onClick={() => remove(item.key)}>
                删去
              </View>
            </View>
          ))}
        </View>
      )}
      {sending && (
        <Text className='text' data-testid='photo-sending'>
          {sending}
        </Text>
      )}
      {problems.map((p, i) => (
        <Text key={i} className='field-error photo-picker__problem' data-testid='photo-problem'>
          {p}
        </Text>
      ))}
      <View
        className={`btn btn--secondary photo-picker__add${sending || room <= 0 ? ' btn--disabled' : ''}`}
        data-testid='photo-add'
        {...buttonProps()}
        onClick={() => void add()}
      >
        {room <= 0
          ? `已加 ${MAX_REPORT_ATTACHMENTS} 个，不能再加`
          : items.length
            ? `再加${IS_H5 ? '' : '照片'}（还能加 ${room} 个）`
            : `＋ 添加${WHAT}`}
      </View>
    </View>
  );
}
