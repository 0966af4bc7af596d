import { Text, View } from '@tarojs/components';
import { DISCLOSURE_STATUSES, VERSION_STATUSES, type StaffDisclosureRow } from '@mashang/shared';
import { OPEN_STATUS_TONES, STATUS_TONES } from '../../disclosure';
import './index.scss';

interface Props {
  status: StaffDisclosureRow['status'];
  openStatus: StaffDisclosureRow['openStatus'];
  correctionRequired: boolean;
}

/** Where a disclosure stands, in tags: public or not, the open version's state, and 「需更正」. */
export default function DisclosureTags({ status, openStatus, correctionRequired }: Props) {
  return (
    <View className='d-tags'>
      <Text className={`d-tag d-tag--${STATUS_TONES[status]}`} data-testid='disclosure-status'>
        {DISCLOSURE_STATUSES[status]}
      </Text>
      {openStatus && (
        <Text className={`d-tag d-tag--${OPEN_STATUS_TONES[openStatus]}`} data-testid='disclosure-open-status'>
          {status === 'unpublished' ? '' : '新版本'}
          {VERSION_STATUSES[openStatus]}
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
