/** ↑ and ↓ to move an item of an ordered list; `id` gives the buttons `<id>-up` and `<id>-down`. */
export function MoveButtons(props: { id: string; index: number; count: number; upLabel: string; downLabel: string; onMove: (delta: -1 | 1) => void }) {
  return (
    <span class="move-buttons">
      <button type="button" class="button button-small button-secondary button-icon" id={`${props.id}-up`} disabled={props.index === 0} onClick={() => props.onMove(-1)}>
        <span aria-hidden="true">↑</span>
        <span class="visually-hidden">{props.upLabel}</span>
      </button>
      <button
        type="button"
        class="button button-small button-secondary button-icon"
        id={`${props.id}-down`}
        disabled={props.index === props.count - 1}
        onClick={() => props.onMove(1)}
      >
        <span aria-hidden="true">↓</span>
        <span class="visually-hidden">{props.downLabel}</span>
      </button>
    </span>
  );
}
