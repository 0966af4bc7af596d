import { Text, View } from '@tarojs/components';
import { typedQueryCodeGroups } from '@mashang/shared';
import Field from '../../components/Field';

interface Props {
  value: string;
  onInput: (value: string) => void;
  onConfirm: () => void;
  /** What is wrong with the code, and which group of five (1-based) to look at. */
  error: string | null;
  wrongGroup: number | null;
}

/**
 * The query code as typed, shown again below the box in its five groups of five (the box itself is
 * too narrow for 25 digits at a size older eyes read), with the group to check marked.
 */
export default function CodeBox({ value, onInput, onConfirm, error, wrongGroup }: Props) {
  const groups = typedQueryCodeGroups(value);
  return (
    <Field
      id='lookup-code'
      label='请输入提交反映时拿到的25位查询码'
      hint='可以直接粘贴，空格和横线不用管'
      // The mini program opens its number pad; in a browser a number field would drop the spaces a person types.
      type={process.env.TARO_ENV === 'weapp' ? 'number' : 'text'}
      value={value}
      maxlength={60}
      placeholder='查询码'
      onInput={onInput}
      onConfirm={onConfirm}
      testId='lookup-input'
      error={error}
      errorTestId='error-lookup'
    >
      <View className='code-groups' data-testid='lookup-groups' aria-hidden='true'>
        {groups.map((group, i) => (
          <Text
            key={i}
            className={`code-groups__group${wrongGroup === i + 1 ? ' code-groups__group--wrong' : ''}${i >= 5 ? ' code-groups__group--extra' : ''}`}
            data-testid={`lookup-group-${i + 1}`}
          >
            {group.padEnd(5, '·')}
          </Text>
        ))}
      </View>
    </Field>
  );
}
