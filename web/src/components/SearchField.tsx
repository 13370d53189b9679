import { createSignal } from "solid-js";
import { Hint, hintId } from "../fields/Fields";

/**
 * The text of a list's search box: the list answers as you type, and the URL's `q` follows
 * a moment later, without a history entry per letter.
 */
export function createSearchQuery(filters: { value: (name: "q") => string; set: (name: "q", value: string) => void }) {
  const [query, setQuery] = createSignal(filters.value("q"));
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    query,
    type(value: string) {
      setQuery(value);
      clearTimeout(timer);
      timer = setTimeout(() => filters.set("q", value.trim()), 400);
    },
  };
}

export type SearchQuery = ReturnType<typeof createSearchQuery>;

/**
 * A list's search box; a hint, when given, is read out with it. Without `search` (a screen's
 * skeleton, before its list can answer) the box is there but cannot be typed in yet.
 */
export function SearchField(props: { id: string; label: string; hint?: string; search?: SearchQuery }) {
  return (
    <div class="field search-field">
      <label for={props.id}>{props.label}</label>
      <Hint for={props.id} text={props.hint} />
      <input
        id={props.id}
        type="search"
        aria-describedby={props.hint ? hintId(props.id) : undefined}
        value={props.search?.query() ?? ""}
        disabled={!props.search}
        onInput={(event) => props.search?.type(event.currentTarget.value)}
      />
    </div>
  );
}
