import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { villagerRoutes } from '@mashang/shared/labels';
import { useEffect, useState } from 'react';
import { withPageFont } from '../../components/PageFont';
import { call } from '../../services/api';
import { DEFAULT_RETENTION_DAYS, retentionWords } from './retention-words';
import './index.scss';

interface Facts {
  retentionDays: number;
  textCheck: boolean;
}

/** One question a villager would ask, answered in a few plain lines. */
function Section({ title, lines, testId }: { title: string; lines: string[]; testId?: string }) {
  return (
    <View className='card privacy__section' data-testid={testId}>
      <Text className='h2'>{title}</Text>
      {lines.map((line) => (
        <View key={line} className='privacy__line'>
          <Text className='privacy__dot'>·</Text>
          <Text className='text privacy__words'>{line}</Text>
        </View>
      ))}
    </View>
  );
}

/**
 * 隐私说明: what 码上监督 keeps, why, for how long, who sees it, in words a villager reads. The period
 * and whether WeChat checks report text come from the server's configuration; until they arrive (or
 * when the network fails) the page says what the server does unless configured otherwise.
 */
function PrivacyPage() {
  const [facts, setFacts] = useState<Facts | null>(null);

  useEffect(() => {
    call(villagerRoutes.system.privacy).then(setFacts, () => undefined);
  }, []);

  const period = retentionWords(facts?.retentionDays ?? DEFAULT_RETENTION_DAYS);
  const inWechat = process.env.TARO_ENV === 'weapp';

  return (
    <View className='page privacy' data-testid='privacy-page'>
      <Text className='h1'>隐私说明</Text>
      <Text className='text privacy__intro'>
        码上监督是乡镇纪委、县纪委收集和办理村民反映问题的地方。下面用大白话说清楚：我们保存什么、为什么保存、保存多久、谁能看到。
      </Text>

      <Section
        title='我们保存什么'
        testId='privacy-what'
        lines={[
          '您反映的事情：发生了什么、涉及的人或部门、大概时间，以及您上传的照片和文件。',
          '实名反映时：您的姓名和手机号。它们加密保存，工作人员平时也看不到。',
          '在微信里登录“我的反映”时：微信给的一个编号，只用来找出您自己的反映。我们拿不到您的微信号、昵称和头像。',
          '查询码：我们只保存它加密后的样子，谁也不能从我们这里查出您的查询码，请自己收好。',
        ]}
      />

      <Section
        title='匿名反映不留下您的任何信息'
        testId='privacy-anonymous'
        lines={[
          '匿名反映不保存姓名、手机号、微信编号，也不记录您的网络地址和手机型号。',
          '只有拿着查询码的人能查看办理进度和答复。查询码丢了，我们也找不回来。',
        ]}
      />

      <Section
        title='照片会去掉位置等信息'
        testId='privacy-photos'
        lines={['照片上传后会重新生成一份，去掉拍摄地点（定位）、拍摄时间、手机型号等附带信息，原来的照片不保存。']}
      />

      <Section
        title='为什么保存'
        lines={['只为办理您反映的问题：核实情况，告诉您办理进度和结果，您不满意时复查。', '不用于其他用途，不会卖给或交给与办理无关的人。']}
      />

      <Section
        title='谁能看到'
        testId='privacy-who'
        lines={[
          '负责办理的乡镇纪委工作人员，以及县纪委。',
          '实名反映人的姓名和手机号平时是隐藏的；工作人员确有需要才能查看，每次查看都会记下是谁、什么时候看的，这个记录删不掉。',
          '被反映的人和村干部看不到您的反映，也不知道是谁反映的。',
          '办理有进展时，微信或短信只说“您反映的事项有新进展”，不写反映的内容，家里人看到也不知道您反映了什么。',
        ]}
      />

      <Section
        title='保存多久'
        testId='privacy-how-long'
        lines={[
          `事情办结（或者不予受理、转交其他部门、作为重复或无效反映处理）满${period}后，系统自动删除您的姓名、手机号、和微信或手机号的关联，以及您上传的照片。`,
          '反映的事情和办理记录会留下来，用于统计和监督各乡镇是否按时办理，但已经不再和您本人联系在一起。',
        ]}
      />

      {facts?.textCheck && (
        <Section
          title='微信内容安全检测'
          testId='privacy-text-check'
          lines={[
            '在微信小程序里实名反映时，反映的文字会交给微信做内容安全检测。',
            '检测结果只给工作人员参考，不会因此退回、隐藏或删除您的反映。匿名反映不会送去检测。',
          ]}
        />
      )}

      <Section
        title='有疑问怎么办'
        lines={['可以拨打村里“码上监督”海报上印的乡镇纪委电话，或者直接到乡镇纪委询问。', '不想留下姓名和手机号，可以选择匿名反映。']}
      />

      {inWechat && (
        <View
          className='link privacy__contract'
          data-testid='privacy-contract'
          onClick={() => Taro.openPrivacyContract?.({ fail: () => undefined })}
        >
          查看《码上监督小程序隐私保护指引》
        </View>
      )}
    </View>
  );
}

export default withPageFont(PrivacyPage);
