import type { NavIcon } from "../nav";

const PATHS: Record<NavIcon | "logo", string> = {
  home: "M3 11.5 12 4l9 7.5V20a1 1 0 0 1-1 1h-5v-6H9v6H4a1 1 0 0 1-1-1z",
  admin: "M12 3 4 6v6c0 4.4 3.4 8.3 8 9 4.6-.7 8-4.6 8-9V6zm0 5a2.5 2.5 0 1 1 0 5 2.5 2.5 0 0 1 0-5zm-4 9c.6-2 2.1-3 4-3s3.4 1 4 3z",
  me: "M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm-8 8c0-3.9 3.6-6 8-6s8 2.1 8 6v1H4z",
  logo: "M17.36 16.5A7 7 0 1 1 17.36 7.5L15.06 9.43A4 4 0 1 0 15.06 14.57z",
};

/** Decorative icons: the text beside them carries the meaning. */
export function Icon(props: { name: NavIcon | "logo"; class?: string }) {
  return (
    <svg class={props.class ?? "icon"} viewBox="0 0 24 24" aria-hidden="true">
      <path d={PATHS[props.name]} fill="currentColor" />
    </svg>
  );
}
