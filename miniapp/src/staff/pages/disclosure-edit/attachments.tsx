import { Text, View } from '@tarojs/components';
import {
  ATTACHMENT_TYPES,
  contract,
  fileSizeText,
  isImageAttachment,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS_PER_VERSION,
  type Attachment,
  type StaffDisclosure,
} from '@mashang/shared';
import { useState } from 'react';
import { call, routeUrl } from '../../../services/api';
import { openFile, pickAttachments } from '../../../services/spreadsheet-files';
import { handledAuthError } from '../../hooks/use-staff-api';
import { problemText } from '../../problem';

interface Props {
  /** The saved disclosure whose open draft takes the files; null before the first save. */
  disclosure: StaffDisclosure | null;
  /** Another action of the editor is running: adding waits for it. */
  busy: boolean;
  onBusy: (busy: boolean) => void;
  /** The disclosure as the server answers after each file added or removed. */
  onChange: (disclosure: StaffDisclosure) => void;
}

/** The number the next photo from the album gets: one more than the highest 照片N already there. */
function nextPhotoNo(items: Attachment[]): number {
  const numbers = items.map((a) => /^照片(\d+)\.\w+$/.exec(a.name)?.[1]).filter((n): n is string => !!n);
  return Math.max(0, ...numbers.map(Number)) + 1;
}

/**
 * 「添加照片或文件」 for the open draft: vouchers, contracts, signed resolutions. Photos come from the
 * camera or album (mini program) or a file input (H5), PDFs from a chat or the computer. Each is sent
 * on its own, so one refused file (too big, not a photo or PDF) leaves the others added; the server
 * strips every photo's location and camera details. Files are listed with 查看 and 删除.
 */
export default function AttachmentsEditor({ disclosure, busy, onBusy, onChange }: Props) {
  const [progress, setProgress] = useState<string | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [confirming, setConfirming] = useState<number | null>(null);

  const open = disclosure?.open ?? null;
  const items = open?.attachments ?? [];
  const room = MAX_ATTACHMENTS_PER_VERSION - items.length;

  const add = async () => {
    if (busy || !disclosure || room <= 0) return;
    setProblems([]);
    setConfirming(null);
    const picked = await pickAttachments(room, nextPhotoNo(items));
    if (!picked) return;
    const found = [...picked.problems];
    onBusy(true);
    try {
      for (const [i, file] of picked.files.entries()) {
        setProgress(picked.files.length > 1 ? `正在添加第 ${i + 1} / ${picked.files.length} 个：${file.name}` : `正在添加：${file.name}`);
        try {
          const body = { fileName: file.name, contentBase64: await file.read() };
          onChange(await call(contract.publishing.uploadAttachment, { params: { id: disclosure.id }, body }));
        } catch (e) {
          if (handledAuthError(e)) return;
          found.push(`「${file.name}」没有添加：${problemText(e, '文件读取失败，请重新选择')}`);
        }
      }
    } finally {
      setProgress(null);
      setProblems(found);
      onBusy(false);
    }
  };

  const remove = async (attachment: Attachment) => {
    if (busy || !disclosure) return;
    setConfirming(null);
    setProblems([]);
    onBusy(true);
    try {
      onChange(await call(contract.publishing.deleteAttachment, { params: { id: disclosure.id, attachmentId: attachment.id } }));
    } catch (e) {
      if (!handledAuthError(e)) setProblems([`「${attachment.name}」没有删除：${problemText(e)}`]);
    } finally {
      onBusy(false);
    }
  };

  const view = (attachment: Attachment) => {
    if (!disclosure) return;
    setProblems([]);
    const path = routeUrl(contract.publishing.attachment, { params: { id: disclosure.id, attachmentId: attachment.id } });
    openFile(path, attachment.name, { kind: isImageAttachment(attachment.type) ? 'image' : 'pdf', staff: true }).catch((e: unknown) => {
      if (!handledAuthError(e)) setProblems([`「${attachment.name}」没有打开：${problemText(e)}`]);
    });
  };

  return (
    <View className='s-card' data-testid='attachments-editor'>
      <Text className='s-h2'>照片和文件</Text>
      <Text className='s-muted edit__attach-note'>
        付款凭证、合同、会议记录等，拍照或选 PDF 文件，每个不超过 {MAX_ATTACHMENT_BYTES / 1024 / 1024}MB，最多 {MAX_ATTACHMENTS_PER_VERSION}{' '}
        个。照片的拍摄地点、手机型号等信息会自动去掉；照片上看得见的身份证号、手机号不会自动遮挡，请先遮住再拍。
      </Text>
      {!disclosure ? (
        <Text className='s-muted' data-testid='attach-save-first'>
          先点下面的「保存草稿」，再添加照片或文件。
        </Text>
      ) : (
        <Text
          className={`s-btn s-btn--primary${busy || room <= 0 ? ' s-btn--disabled' : ''}`}
          data-testid='attach-button'
          onClick={() => void add()}
        >
          {progress ? '正在添加……' : room <= 0 ? `已有 ${MAX_ATTACHMENTS_PER_VERSION} 个，不能再添加` : '添加照片或文件'}
        </Text>
      )}
      {progress && (
        <Text className='s-text' data-testid='attach-progress'>
          {progress}
        </Text>
      )}
      {problems.length > 0 && (
        <View className='s-warning' data-testid='attach-problems'>
          {problems.map((m, i) => (
            <Text key={i} className='s-text' data-testid='attach-problem'>
              {m}
            </Text>
          ))}
        </View>
      )}
      {items.map((a) => (
        <View key={a.id} className='s-row edit__attachment' data-testid='attachment-row'>
          <View className='s-row__main'>
            <Text className='s-text edit__attachment-name'>{a.name}</Text>
            <Text className='s-muted'>
              {ATTACHMENT_TYPES[a.type]} · {fileSizeText(a.size)}
            </Text>
          </View>
          {confirming === a.id ? (
            <View className='s-row__side'>
              <Text className='s-btn s-btn--primary' data-testid='attachment-remove-yes' onClick={() => void remove(a)}>
                确定删除
              </Text>
              <Text className='s-btn' data-testid='attachment-remove-no' onClick={() => setConfirming(null)}>
                不删
              </Text>
            </View>
          ) : (
            <View className='s-row__side'>
              <Text className='s-link edit__attachment-action' data-testid='attachment-view' onClick={() => view(a)}>
                查看
              </Text>
              <Text className='s-link edit__attachment-action' data-testid='attachment-remove' onClick={() => !busy && setConfirming(a.id)}>
                删除
              </Text>
            </View>
          )}
        </View>
      ))}
    </View>
  );
}
