import { liftGeometry, type LiftBox } from "./lift-scale";
import "./lift-chart.css";

export type LiftTone = "better" | "worse" | "unclear";

export interface LiftChartProps {
  /** The point estimate and its confidence interval, in any unit (the chart has no numbers on it). */
  estimate: number;
  low: number;
  high: number;
  /** Colours the interval: good news, bad news, or not yet clear. */
  tone: LiftTone;
  /** Which side of zero is good news: "negative" for a KPI where lower is better. */
  betterSide: "positive" | "negative";
  /** One sentence that says what the picture shows, for screen readers (the picture is one image). */
  label: string;
  /** The words at the two ends of the axis, in the interface language ("better", "worse"). */
  betterWord: string;
  worseWord: string;
}

const BOX: LiftBox & { height: number } = { width: 320, height: 64, left: 14, right: 14 };
const MID = 32;

/**
 * A lift with its confidence interval: a zero line, the interval as a bar, the estimate as a
 * dot, and the ends of the axis named "better" and "worse" so it reads without colour. Inline
 * SVG that scales to its container; at 360 px it is drawn at about its own size.
 */
export function LiftChart(props: LiftChartProps) {
  const geometry = () => liftGeometry({ estimate: props.estimate, low: props.low, high: props.high }, BOX);
  const leftWord = () => (props.betterSide === "positive" ? props.worseWord : props.betterWord);
  const rightWord = () => (props.betterSide === "positive" ? props.betterWord : props.worseWord);

  return (
    <div class={`lift-chart lift-${props.tone}`}>
      <svg viewBox={`0 0 ${BOX.width} ${BOX.height}`} role="img" aria-label={props.label} preserveAspectRatio="xMidYMid meet">
        <line class="lift-axis" x1={BOX.left} x2={BOX.width - BOX.right} y1={MID} y2={MID} />
        <rect class="lift-interval" x={geometry().barX} y={MID - 6} width={geometry().barWidth} height={12} rx={3} />
        <line class="lift-zero" x1={geometry().zeroX} x2={geometry().zeroX} y1={15} y2={MID + 14} />
        <text class="lift-zero-label" x={geometry().zeroX} y={11} text-anchor="middle">
          0
        </text>
        <circle class="lift-estimate" cx={geometry().pointX} cy={MID} r={6.5} />
        <text class="lift-side" x={BOX.left} y={BOX.height - 3} text-anchor="start">
          {`← ${leftWord()}`}
        </text>
        <text class="lift-side" x={BOX.width - BOX.right} y={BOX.height - 3} text-anchor="end">
          {`${rightWord()} →`}
        </text>
      </svg>
    </div>
  );
}
