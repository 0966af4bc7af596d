import { Canvas, Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { contract, formatQueryCode, normalizeQueryCode, REPORT_CATEGORIES, REPORT_MODES, REPORT_TRACKS_PLAIN } from '@mashang/shared';
import { useEffect, useState } from 'react';
import DueDates from '../../components/DueDates';
import { IS_H5, alertProps, buttonProps } from '../../components/Field/a11y';
import { useApi } from '../../hooks/use-api';
import { call } from '../../services/api';
import { forgetReceipt, readReceipt, type SavedReceipt } from '../../stores/receipt-store';
import { chineseDate, chineseDateTime, pageUrl } from '../../utils/format';
import { withPageFont } from '../../components/PageFont';
import PrivacyConsent from '../../components/PrivacyConsent';
import { CANVAS_ID, saveReceiptImage } from './save-image';
import './index.scss';

const KEPT_QUESTION = '您已记下查询码了吗？';

/** What was sent, in a line: the category, the track in plain words and the first words. */
function aboutLine({ summary }: SavedReceipt): string {
  const kind = [summary.category && REPORT_CATEGORIES[summary.category], summary.track && REPORT_TRACKS_PLAIN[summary.track]]
    .filter(Boolean)
    .join('，');
  return kind ? `${kind}：${summary.excerpt}` : summary.excerpt;
}

/**
 * The receipt stays readable (through a reload or a closed app) until the reporter says they kept
 * the query code; leaving asks first. It shows only the query code: the report's number is for staff.
 */
function ReceiptPage() {
  const [saved] = useState<SavedReceipt | null>(() => readReceipt());
  const [copied, setCopied] = useState(false);
  const [image, setImage] = useState<{ url?: string; error?: string } | null>(null);
  const village = useApi(() => (saved ? call(contract.village.page, { params: { code: saved.villageCode } }) : null), [saved?.villageCode]);

  useEffect(() => {
    // The mini program's back gesture asks too; the call is missing in H5 and old WeChat versions.
    if (!saved || IS_H5 || typeof Taro.enableAlertBeforeUnload !== 'function') return;
    Taro.enableAlertBeforeUnload({ message: `${KEPT_QUESTION}离开后，凭查询码才能查看办理进度。` });
  }, [saved]);

  if (!saved) {
    return (
      <View className='page'>
        <View className='card'>
          <Text className='h2'>回执已经关闭</Text>
          <Text className='text'>为了保护您，您确认记下查询码后，回执就不再显示。凭查询码可以查看办理进度。</Text>
        </View>
        <View className='btn btn--secondary' {...buttonProps()} onClick={() => void Taro.redirectTo({ url: pageUrl('lookup') })}>
          查询反映进度
        </View>
      </View>
    );
  }

  const { receipt } = saved;
  // The server may send the code already grouped; show and copy the digits our way.
  const digits = normalizeQueryCode(receipt.queryCode) ?? receipt.queryCode;
  const villageName = village.data?.village.name ?? '';

  const copy = async () => {
    try {
      await Taro.setClipboardData({ data: digits });
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };

  const saveImage = async () => {
    try {
      const url = await saveReceiptImage({
        queryCode: digits,
        village: villageName || '本村',
        date: chineseDate(receipt.receivedAt),
        about: aboutLine(saved),
      });
      setImage({ url });
    } catch {
      setImage({ error: '没有保存成功。请在手机设置里允许微信保存到相册，或者把查询码抄在纸上。' });
    }
  };

  /** Leaving forgets the receipt, once the reporter says the code is kept. */
  const leave = async (url: string) => {
    const { confirm } = await Taro.showModal({
      title: KEPT_QUESTION,
      content: '离开后回执不再显示，凭查询码才能查看办理进度。',
      confirmText: '已记下',
      cancelText: '还没有',
    });
    if (!confirm) return;
    forgetReceipt();
    if (!IS_H5 && typeof Taro.disableAlertBeforeUnload === 'function') Taro.disableAlertBeforeUnload();
    await Taro.reLaunch({ url });
  };

  return (
    <View className='page receipt'>
      <View className='card receipt__ok'>
        <Text className='h1'>已经提交</Text>
        <Text className='muted'>
          {villageName ? `${villageName} · ` : ''}
          {chineseDateTime(receipt.receivedAt)}收到
        </Text>
      </View>

      <View className='card'>
        <Text className='h2'>您的查询码</Text>
        <View className='receipt__code' data-testid='query-code'>
          {/* Groups never break inside: a line holds whole groups of five. */}
          {formatQueryCode(digits)
            .split(' ')
            .map((group, i) => (
              <Text key={i} className='receipt__group'>
                {i > 0 ? ' ' : ''}
                {group}
              </Text>
            ))}
        </View>
        <Text className='text receipt__keep'>请把查询码抄在纸上或存成图片收好，不要告诉别人。凭它可以查看办理进度和答复；丢了没法补。</Text>
        <View className='receipt__actions'>
          <View className='btn btn--primary' data-testid='save-receipt-image' {...buttonProps()} onClick={() => void saveImage()}>
            保存为图片
          </View>
          <View className='btn btn--secondary' data-testid='copy-query-code' {...buttonProps()} onClick={() => void copy()}>
            {copied ? '已复制' : '复制查询码'}
          </View>
        </View>
        {image?.error && (
          <View className='field-error' {...alertProps('receipt-image-error')}>
            {image.error}
          </View>
        )}
        {image?.url && (
          <View className='receipt__image' data-testid='receipt-image'>
            <Text className='text'>{IS_H5 ? '图片已下载。如果没有下载，请长按下面的图片保存。' : '图片已保存到手机相册。'}</Text>
            {IS_H5 && <Image className='receipt__image-pic' src={image.url} mode='widthFix' ariaLabel='回执图片，含查询码' />}
          </View>
        )}
      </View>

      <View className='card' data-testid='receipt-summary'>
        <Text className='h2'>您反映的内容</Text>
        {saved.summary.track && <Text className='text'>反映的是：{REPORT_TRACKS_PLAIN[saved.summary.track]}</Text>}
        {saved.summary.category && <Text className='text'>问题类别：{REPORT_CATEGORIES[saved.summary.category]}</Text>}
        {saved.summary.mode && <Text className='text'>方式：{REPORT_MODES[saved.summary.mode]}</Text>}
        <Text className='text receipt__excerpt'>“{saved.summary.excerpt}”</Text>
      </View>

      <View className='card'>
        <Text className='h2'>乡镇纪委最晚在这些日子前答复</Text>
        <DueDates dueDates={receipt.dueDates} />
        {receipt.dueDates.some((d) => d.provisional) && (
          <Text className='muted'>“预计”是因为明年的节假日安排还没公布，日期可能会调整。</Text>
        )}
      </View>

      <View className='receipt__leave'>
        <View
          className='btn btn--secondary'
          data-testid='back-to-village'
          {...buttonProps()}
          onClick={() => void leave(pageUrl('village', { code: saved.villageCode }))}
        >
          返回本村
        </View>
        <View className='btn btn--secondary' data-testid='receipt-lookup' {...buttonProps()} onClick={() => void leave(pageUrl('lookup'))}>
          查询反映进度
        </View>
        {/* A real-name report is also listed in 我的反映 (signed in with WeChat, or by phone and SMS code). */}
        {saved.summary.mode === 'real_name' && (
          <View className='btn btn--secondary' data-testid='receipt-mine' {...buttonProps()} onClick={() => void leave(pageUrl('mine'))}>
            查看我的反映
          </View>
        )}
      </View>
      {/* Saving to the album needs WeChat's privacy authorisation: its sheet opens here when asked. */}
      {!IS_H5 && <PrivacyConsent purpose='把回执存成图片要用到手机相册，图片只存在您自己的手机上。' />}
      {/* The mini program draws the receipt image here, out of sight. */}
      {!IS_H5 && <Canvas type='2d' id={CANVAS_ID} className='receipt__canvas' />}
    </View>
  );
}

export default withPageFont(ReceiptPage);
