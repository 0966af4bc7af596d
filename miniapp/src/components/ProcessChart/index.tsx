import { Text, View } from '@tarojs/components';
import { useMemo } from 'react';
import { CHART_TEXT, layoutChart, type ChartEdgeInput, type ChartNodeInput, type LayoutEdge, type Point, type Rect } from './layout';
import './index.scss';

interface Props {
  nodes: ChartNodeInput[];
  edges: ChartEdgeInput[];
  /** Width to draw in, px; a chart that cannot fit scrolls sideways. */
  width: number;
}

const LINE = 2;
const HEAD = 7;

const px = (n: number) => `${n}px`;
const place = (r: Rect) => ({ left: px(r.x), top: px(r.y), width: px(r.w), height: px(r.h) });

function segmentStyle(a: Point, b: Point): Record<string, string> {
  if (a.y === b.y) return place({ x: Math.min(a.x, b.x) - LINE / 2, y: a.y - LINE / 2, w: Math.abs(b.x - a.x) + LINE, h: LINE });
  return place({ x: a.x - LINE / 2, y: Math.min(a.y, b.y) - LINE / 2, w: LINE, h: Math.abs(b.y - a.y) + LINE });
}

/** A CSS-border triangle at the edge's end, pointing along its last segment (always up or down). */
function arrowStyle(edge: LayoutEdge): { style: Record<string, string>; dir: 'up' | 'down' } {
  const end = edge.points[edge.points.length - 1]!;
  const prev = edge.points[edge.points.length - 2]!;
  const dir = end.y > prev.y ? 'down' : 'up';
  return { style: { left: px(end.x - HEAD), top: px(dir === 'down' ? end.y - HEAD * 1.4 : end.y) }, dir };
}

/**
 * The process chart as boxes and arrows, laid out by `layoutChart`: steps numbered in the order a
 * case walks them, conditions beside their arrows, returns in orange, steps with 廉政风险点 in red.
 * The legend names only what this chart shows. The village page and the chart editor both draw
 * charts with this component, so an editor's preview is what villagers will see.
 */
export default function ProcessChart({ nodes, edges, width }: Props) {
  const layout = useMemo(() => layoutChart({ nodes, edges }, { width }), [nodes, edges, width]);
  const hasRisk = layout.nodes.some((n) => n.risks.length > 0);
  const hasReturn = layout.edges.some((e) => e.kind === 'back');
  const hasCondition = layout.edges.some((e) => e.labelBox);
  return (
    <View className='chart-wrap' style={{ maxWidth: px(width) }}>
      {(hasRisk || hasReturn || hasCondition) && (
        <View className='chart-legend' data-testid='chart-legend'>
          {hasRisk && (
            <View className='chart-legend__item'>
              <View className='chart-legend__risk' />
              <Text>红框：这一步有廉政风险点</Text>
            </View>
          )}
          {hasReturn && (
            <View className='chart-legend__item'>
              <View className='chart-legend__return' />
              <Text>橙色箭头：退回重办</Text>
            </View>
          )}
          {hasCondition && (
            <View className='chart-legend__item'>
              <Text className='chart-legend__condition'>蓝字</Text>
              <Text>：走这条路的条件</Text>
            </View>
          )}
        </View>
      )}
      {layout.width > width && (
        <Text className='chart-wide' data-testid='chart-wide'>
          流程图较宽，左右滑动可以看全。
        </Text>
      )}
      <View className='chart' data-testid='process-chart' style={{ width: px(layout.width), height: px(layout.height + 4) }}>
        {layout.edges.map((edge, i) => {
          const arrow = arrowStyle(edge);
          return (
            <View key={`e${i}`} className={`chart__edge chart__edge--${edge.kind}`}>
              {edge.points.slice(1).map((p, j) => (
                <View key={j} className='chart__line' style={segmentStyle(edge.points[j]!, p)} />
              ))}
              <View className={`chart__arrow chart__arrow--${arrow.dir}`} style={arrow.style} />
              {edge.labelBox && (
                <View className='chart__label' data-testid='chart-condition' style={place(edge.labelBox)}>
                  {edge.labelLines?.map((line, j) => (
                    <Text
                      key={j}
                      className='chart__label-line'
                      style={{ fontSize: px(CHART_TEXT.labelFont), lineHeight: px(CHART_TEXT.labelLine) }}
                    >
                      {line}
                    </Text>
                  ))}
                </View>
              )}
            </View>
          );
        })}
        {layout.nodes.map((node) => (
          <View
            key={node.id}
            className={`chart__node${node.risks.length ? ' chart__node--risk' : ''}${node.end ? ' chart__node--end' : ''}`}
            data-testid='chart-step'
            style={place(node)}
          >
            {node.titleLines.map((line, j) => (
              <Text
                key={`t${j}`}
                className='chart__node-label'
                style={{ fontSize: px(CHART_TEXT.titleFont), lineHeight: px(CHART_TEXT.titleLine) }}
              >
                {line}
              </Text>
            ))}
            {node.actorLines.map((line, j) => (
              <Text
                key={`a${j}`}
                className='chart__node-actor'
                style={{ fontSize: px(CHART_TEXT.actorFont), lineHeight: px(CHART_TEXT.actorLine) }}
              >
                {line}
              </Text>
            ))}
            {node.riskText && (
              <Text className='chart__node-risk' style={{ fontSize: px(CHART_TEXT.riskFont), lineHeight: px(CHART_TEXT.riskLine) }}>
                {node.riskText}
              </Text>
            )}
          </View>
        ))}
      </View>
    </View>
  );
}
