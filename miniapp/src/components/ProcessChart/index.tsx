import { Text, View } from '@tarojs/components';
import { useMemo } from 'react';
import { layoutChart, type ChartEdgeInput, type ChartNodeInput, type LayoutEdge, type Point } from './layout';
import './index.scss';

interface Props {
  nodes: ChartNodeInput[];
  edges: ChartEdgeInput[];
  /** Width to draw in, px. */
  width: number;
}

const LINE = 2;
const HEAD = 7;

function segmentStyle(a: Point, b: Point): Record<string, string> {
  if (a.y === b.y) {
    return {
      left: `${Math.min(a.x, b.x) - LINE / 2}px`,
      top: `${a.y - LINE / 2}px`,
      width: `${Math.abs(b.x - a.x) + LINE}px`,
      height: `${LINE}px`,
    };
  }
  return {
    left: `${a.x - LINE / 2}px`,
    top: `${Math.min(a.y, b.y) - LINE / 2}px`,
    width: `${LINE}px`,
    height: `${Math.abs(b.y - a.y) + LINE}px`,
  };
}

/** A CSS-border triangle at the edge's end, pointing along its last segment. */
function arrowStyle(edge: LayoutEdge): { style: Record<string, string>; dir: string } {
  const end = edge.points[edge.points.length - 1]!;
  const prev = edge.points[edge.points.length - 2]!;
  const dir = end.y > prev.y ? 'down' : end.y < prev.y ? 'up' : end.x > prev.x ? 'right' : 'left';
  const offsets: Record<string, [number, number]> = {
    down: [end.x - HEAD, end.y - HEAD * 1.4],
    up: [end.x - HEAD, end.y],
    right: [end.x - HEAD * 1.4, end.y - HEAD],
    left: [end.x, end.y - HEAD],
  };
  const [left, top] = offsets[dir]!;
  return { style: { left: `${left}px`, top: `${top}px` }, dir };
}

/** The process chart as boxes and arrows; branches and returns are labelled, risk steps marked. */
export default function ProcessChart({ nodes, edges, width }: Props) {
  const layout = useMemo(() => layoutChart({ nodes, edges }, { width }), [nodes, edges, width]);
  return (
    <View
      className='chart'
      data-testid='process-chart'
      style={{ width: `${layout.width}px`, height: `${layout.height + 4}px` }}
    >
      {layout.edges.map((edge, i) => (
        <View key={`e${i}`} className={`chart__edge chart__edge--${edge.kind}`}>
          {edge.points.slice(1).map((p, j) => (
            <View key={j} className='chart__line' style={segmentStyle(edge.points[j]!, p)} />
          ))}
          {(() => {
            const arrow = arrowStyle(edge);
            return <View className={`chart__arrow chart__arrow--${arrow.dir}`} style={arrow.style} />;
          })()}
          {edge.label && edge.labelAt && (
            <Text className='chart__label' style={{ left: `${edge.labelAt.x}px`, top: `${edge.labelAt.y}px` }}>
              {edge.label}
            </Text>
          )}
        </View>
      ))}
      {layout.nodes.map((node, i) => (
        <View
          key={node.id}
          className={`chart__node${node.risks.length ? ' chart__node--risk' : ''}`}
          data-testid='chart-step'
          style={{ left: `${node.x}px`, top: `${node.y}px`, width: `${node.w}px`, height: `${node.h}px` }}
        >
          <Text className='chart__node-label'>
            {i + 1}. {node.label}
          </Text>
          {node.actor && <Text className='chart__node-actor'>{node.actor}</Text>}
          {node.risks.length > 0 && <Text className='chart__node-risk'>⚠ 廉政风险点</Text>}
        </View>
      ))}
    </View>
  );
}
