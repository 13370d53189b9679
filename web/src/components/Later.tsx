import { Show, type JSX } from "solid-js";
import { createStages } from "./stages";

/**
 * Its children drawn in a later part of the screen's drawing (see createStages). Give it the rest
 * of a section, not a piece in the middle, so what is drawn above it stays where it is.
 */
export function Later(props: { children: JSX.Element }) {
  const shown = createStages(2);
  return <Show when={shown(1)}>{props.children}</Show>;
}
