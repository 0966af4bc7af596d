import { Text, View } from '@tarojs/components';
import type { ApiError } from '../../services/http';
import './index.scss';

interface Props {
  loading?: boolean;
  error?: ApiError | null;
  onRetry?: () => void;
}

/** Loading and error states in plain words, with one button to try again. */
export default function StatusView({ loading, error, onRetry }: Props) {
  if (loading) {
    return (
      <View className='status' data-testid='loading'>
        <Text className='status__text'>正在加载，请稍候……</Text>
      </View>
    );
  }
  if (!error) return null;
  return (
    <View className='status status--error' data-testid='error'>
      <Text className='status__text'>{error.message}</Text>
      {onRetry && (
        <View className='btn btn--secondary status__retry' onClick={onRetry}>
          再试一次
        </View>
      )}
    </View>
  );
}
