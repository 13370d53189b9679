import type { JSX } from "solid-js";
import { useOrg } from "../../context";
import { orgHref } from "../../nav";

/** A link inside the organisation. */
export function OrgLink(props: { path: string; class?: string; "aria-label"?: string; children: JSX.Element }) {
  const org = useOrg();
  return (
    <a href={orgHref(org().orgId, props.path)} class={props.class} aria-label={props["aria-label"]}>
      {props.children}
    </a>
  );
}

/** A key figure with what it counts, linking to the records behind it. */
export function Figure(props: { path: string; value: string; label: string; "aria-label"?: string }) {
  return (
    <OrgLink path={props.path} class="figure" aria-label={props["aria-label"]}>
      <span class="figure-value">{props.value}</span>
      <span class="figure-label">{props.label}</span>
    </OrgLink>
  );
}

/** One card of the board, named by its heading. */
export function Section(props: { id: string; title: string; wide?: boolean; tall?: boolean; children: JSX.Element }) {
  return (
    <section class="board-section card" classList={{ "board-section-wide": props.wide === true, "board-section-tall": props.tall === true }} aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      {props.children}
    </section>
  );
}
