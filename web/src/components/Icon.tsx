import type { NavIcon } from "../nav";

export type IconName = NavIcon | "logo" | "sync" | "camera" | "gallery" | "warning" | "plus";

const PATHS: Record<IconName, string> = {
  home: "M3 11.5 12 4l9 7.5V20a1 1 0 0 1-1 1h-5v-6H9v6H4a1 1 0 0 1-1-1z",
  // Bars on a base line: the board's overview of figures.
  board: "M3 19h18v2H3zM5 11h3v7H5zm5.5-6h3v13h-3zM16 8h3v10h-3z",
  admin: "M12 3 4 6v6c0 4.4 3.4 8.3 8 9 4.6-.7 8-4.6 8-9V6zm0 5a2.5 2.5 0 1 1 0 5 2.5 2.5 0 0 1 0-5zm-4 9c.6-2 2.1-3 4-3s3.4 1 4 3z",
  me: "M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm-8 8c0-3.9 3.6-6 8-6s8 2.1 8 6v1H4z",
  logo: "M17.36 16.5A7 7 0 1 1 17.36 7.5L15.06 9.43A4 4 0 1 0 15.06 14.57z",
  visits: "M12 2a7 7 0 0 0-7 7c0 5.2 7 13 7 13s7-7.8 7-13a7 7 0 0 0-7-7zm0 4.5a2.5 2.5 0 1 1 0 5 2.5 2.5 0 0 1 0-5z",
  findings: "M12 5C6.5 5 2.7 9.2 1.5 12c1.2 2.8 5 7 10.5 7s9.3-4.2 10.5-7C21.3 9.2 17.5 5 12 5zm0 3a4 4 0 1 1 0 8 4 4 0 0 1 0-8zm0 2.2a1.8 1.8 0 1 0 0 3.6 1.8 1.8 0 0 0 0-3.6z",
  sync: "M12 4V1L8 5l4 4V6a6 6 0 0 1 6 6c0 1-.25 2-.7 2.8l1.46 1.46A8 8 0 0 0 12 4zm0 14a6 6 0 0 1-6-6c0-1 .25-2 .7-2.8L5.24 7.74A8 8 0 0 0 12 20v3l4-4-4-4z",
  camera: "M9 2 7.2 4H4a2 2 0 0 0-2 2v12a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2V6a2 2 0 0 0-2-2h-3.2L15 2zm3 5a5 5 0 1 1 0 10 5 5 0 0 1 0-10zm0 1.8a3.2 3.2 0 1 0 0 6.4 3.2 3.2 0 0 0 0-6.4z",
  // A framed landscape: the phone's photo gallery.
  gallery: "M3 4h18v16H3zm2 2v10l4-5 3 3 3-4 4 6V6z",
  warning: "M12 2 1 21h22zm-1 7h2v6h-2zm0 8h2v2h-2z",
  plus: "M11 5h2v6h6v2h-6v6h-2v-6H5v-2h6z",
  // A laboratory flask: filled below the liquid line, open above it.
  experiments: "M8 2h8v2h-1.5v5.1l5.4 9.1A1.9 1.9 0 0 1 18.3 21H5.7a1.9 1.9 0 0 1-1.6-2.8l5.4-9.1V4H8zm2.8 2v5.5L8.6 13.2h6.8l-2.2-3.7V4z",
  mystery: "M12 2l2.9 6.9 7.1.6-5.4 4.7 1.6 7-6.2-3.8-6.2 3.8 1.6-7L2 9.5l7.1-.6z",
};

/** Icons with holes (a lens, an eye, an exclamation mark) are drawn even-odd. */
const EVEN_ODD = new Set<IconName>(["visits", "findings", "experiments", "camera", "gallery", "warning"]);

/** Decorative icons: the text beside them carries the meaning. */
export function Icon(props: { name: IconName; class?: string }) {
  return (
    <svg class={props.class ?? "icon"} viewBox="0 0 24 24" aria-hidden="true">
      <path d={PATHS[props.name]} fill="currentColor" fill-rule={EVEN_ODD.has(props.name) ? "evenodd" : undefined} />
    </svg>
  );
}
