import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { formatQueryCode, normalizeQueryCode, REPORT_STATUSES, type ReportReceipt } from '@mashang/shared';
import { useState } from 'react';
import DueDates from '../../components/DueDates';
import { readReceipt } from '../../stores/receipt-store';
import { chineseDateTime, pageUrl } from '../../utils/format';
import './index.scss';

/** Shown once after submitting; the receipt lives only in this page's memory. */
export default function ReceiptPage() {
  const [receipt] = useState<ReportReceipt | null>(() => readReceipt()?.receipt ?? null);
  const [copied, setCopied] = useState(false);

  if (!receipt) {
    return (
      <View className='page'>
        <View className='card'>
          <Text className='h2'>回执已经关闭</Text>
          <Text className='text'>为了保护您，查询码只显示一次。如果您已经记下查询码，可以用它查看办理进度。</Text>
        </View>
        <View className='btn btn--secondary' onClick={() => void Taro.redirectTo({ url: pageUrl('lookup') })}>
          查询反映进度
        </View>
      </View>
    );
  }

  // The server may send the code already grouped; show and copy the digits our way.
  const digits = normalizeQueryCode(receipt.queryCode) ?? receipt.queryCode;
  const copy = async () => {
    try {
      await Taro.setClipboardData({ data: digits });
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };

  return (
    <View className='page receipt'>
      <View className='card receipt__ok'>
        <Text className='h1'>已经提交</Text>
        <Text className='text'>
          反映编号：<Text data-testid='report-no'>{receipt.reportNo}</Text>
        </Text>
        <Text className='muted'>
          {chineseDateTime(receipt.receivedAt)}收到 · {REPORT_STATUSES[receipt.status]}
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
        <View className='btn btn--primary' data-testid='copy-query-code' onClick={() => void copy()}>
          {copied ? '已复制' : '复制查询码'}
        </View>
        <Text className='text receipt__keep'>请把查询码抄在纸上收好，不要告诉别人。凭它可以查看办理进度和答复；丢了没法补。</Text>
      </View>

      <View className='card'>
        <Text className='h2'>乡镇纪委最晚在这些日子前答复</Text>
        <DueDates dueDates={receipt.dueDates} />
        {receipt.dueDates.some((d) => d.provisional) && (
          <Text className='muted'>“预计”是因为明年的节假日安排还没公布，日期可能会调整。</Text>
        )}
      </View>

      <View className='btn btn--secondary' onClick={() => void Taro.redirectTo({ url: pageUrl('lookup') })}>
        查询反映进度
      </View>
    </View>
  );
}
