import { Text, View } from '@tarojs/components';
import { DISCLOSURE_STATUSES, type StaffDisclosureRow } from '@mashang/shared';
import { OPEN_STATUS_TONES, STATUS_TONES, openStatusText } from '../../disclosure';
import './index.scss';

interface Props {
  status: StaffDisclosureRow['status'];
  openStatus: StaffDisclosureRow['openStatus'];
  /** What the open version does once co-signed: a correction and a withdrawal read differently. */
  openAction: StaffDisclosureRow['openAction'];
  correctionRequired: boolean;
}

/** Where a disclosure stands, in tags: public or not, the open version's state (「更正待监委会签」), and 「需更正」. */
export default function DisclosureTags({ status, openStatus, openAction, correctionRequired }: Props) {
  return (
    <View className='d-tags'>
      <Text className={`d-tag d-tag--${STATUS_TONES[status]}`} data-testid='disclosure-status'>
        {DISCLOSURE_STATUSES[status]}
      </Text>
      {openStatus && (
        <Text className={`d-tag d-tag--${OPEN_STATUS_TONES[openStatus]}`} data-testid='disclosure-open-status'>
          {openStatusText({ status, openStatus, openAction })}
        </Text>
      )}
      {correctionRequired && (
        <Text className='d-tag d-tag--bad' data-testid='correction-required'>
          需更正
        </Text>
      )}
    </View>
  );
}
