import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { contract, POWER_CATEGORIES, stepOrder } from '@mashang/shared';
import { useEffect, useMemo } from 'react';
import ProcessChart from '../../components/ProcessChart';
import StatusView from '../../components/StatusView';
import { useApi } from '../../hooks/use-api';
import { call } from '../../services/api';
import { pageUrl } from '../../utils/format';
import { withPageFont } from '../../components/PageFont';
import { windowWidth } from '../../utils/screen';
import './index.scss';

function PowerItemPage() {
  const { params } = useRouter();
  const id = Number(params.id);
  const { data, error, loading, reload } = useApi(
    () => (Number.isInteger(id) && id > 0 ? call(contract.village.powerItem, { params: { id } }) : null),
    [id],
  );
  // Page padding 16 + card padding 16 on each side.
  const chartWidth = useMemo(() => Math.min(windowWidth(), 600) - 64, []);

  useEffect(() => {
    if (data) void Taro.setNavigationBarTitle({ title: data.title });
  }, [data]);

  if (!data) {
    return (
      <View className='page'>
        <StatusView loading={loading} error={error ?? (loading ? null : undefined)} onRetry={reload} />
        {!loading && !error && <Text className='text'>链接不完整，请回到村页面重新打开。</Text>}
      </View>
    );
  }

  const report = (step?: string) =>
    void Taro.navigateTo({
      url: pageUrl('report', {
        code: data.villageCode,
        powerItemId: data.id,
        powerStep: step,
      }),
    });
  // The same numbers as the chart: the order a case walks the steps.
  const byId = new Map(data.chart.nodes.map((n) => [n.id, n]));
  const steps = stepOrder(data.chart).map((id, i) => ({ ...byId.get(id)!, index: i + 1 }));

  return (
    <View className='page power'>
      <View className='card'>
        <Text className='muted'>{POWER_CATEGORIES[data.category]}</Text>
        <Text className='h1' data-testid='power-item-title'>
          {data.title}
        </Text>
        <Text className='h3'>依据</Text>
        <Text className='text'>{data.basis}</Text>
        <Text className='h3'>责任主体</Text>
        <Text className='text'>{data.responsible}</Text>
        {data.publicity.length > 0 && (
          <>
            <Text className='h3'>必须公开的内容</Text>
            {data.publicity.map((p, i) => (
              <Text key={i} className='text'>
                · {p}
              </Text>
            ))}
          </>
        )}
      </View>

      <View className='card'>
        <Text className='h2'>办事流程图</Text>
        <Text className='muted'>从第1步开始，顺着箭头往下走。</Text>
        <ProcessChart nodes={data.chart.nodes} edges={data.chart.edges} width={chartWidth} />
      </View>

      <View className='card'>
        <Text className='h2'>每一步要注意什么</Text>
        {steps.map((step) => (
          <View key={step.id} className='power__step' data-testid='power-step'>
            <Text className='h3'>
              {step.index}. {step.label}
            </Text>
            {step.actor && <Text className='muted'>由{step.actor}办理</Text>}
            {step.risks.map((r, i) => (
              <Text key={i} className='power__risk'>
                ⚠ 廉政风险点：{r}
              </Text>
            ))}
            <View className='link' data-testid='step-report-link' onClick={() => report(step.label.slice(0, 40))}>
              对这一步有疑问
            </View>
          </View>
        ))}
      </View>

      <View className='btn btn--primary' data-testid='report-button' onClick={() => report()}>
        我要反映
      </View>
    </View>
  );
}

export default withPageFont(PowerItemPage);
