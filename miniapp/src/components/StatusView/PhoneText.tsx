import { Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { splitPhoneNumbers } from '@mashang/shared/labels';

const IS_H5 = process.env.TARO_ENV === 'h5';

/** Text in which every phone number is a link that calls it when tapped. */
export default function PhoneText({ text, className, testId }: { text: string; className?: string; testId?: string }) {
  return (
    <Text className={className} data-testid={testId}>
      {splitPhoneNumbers(text).map((part, i) =>
        part.kind === 'text' ? (
          part.text
        ) : (
          <Text
            key={i}
            className='phone-link'
            data-testid='phone-link'
            onClick={() => void Taro.makePhoneCall({ phoneNumber: part.dial }).catch(() => undefined)}
            {...(IS_H5
              ? { role: 'link', tabindex: 0, 'aria-label': `拨打电话 ${part.text}` }
              : { ariaRole: 'link', ariaLabel: `拨打电话 ${part.text}` })}
          >
            {part.text}
          </Text>
        ),
      )}
    </Text>
  );
}
