import { createEffect, createSignal, onCleanup, type Accessor } from "solid-js";
import { apiPath } from "../data/api";
import { useLocal } from "../data/local/context";
import { useOrg } from "../context";

/**
 * The address an `<img>` shows a stored photo from: the copy on this device when there is one
 * (taken here, not uploaded yet, or fetched ahead for offline), otherwise the server's. Until
 * it is on the device, a copy arriving (fetched ahead) takes over from the server's address.
 */
export function createPhotoSource(sha256: Accessor<string>): Accessor<string | undefined> {
  const { store, revision } = useLocal();
  const org = useOrg();
  const [src, setSrc] = createSignal<string | undefined>();
  /** The photo whose device copy is shown: nothing to look for any more. */
  let shown: string | null = null;
  let objectUrl: string | undefined;
  let loads = 0;
  const release = () => {
    if (objectUrl) URL.revokeObjectURL(objectUrl);
    objectUrl = undefined;
  };
  onCleanup(() => {
    loads++;
    release();
  });
  createEffect(() => {
    const sha = sha256();
    if (shown === sha) return;
    revision("photo"); // look again whenever the device's photos change
    const load = ++loads;
    void store
      .photo(sha)
      .catch(() => undefined)
      .then((local) => {
        if (load !== loads) return;
        release();
        shown = local ? sha : null;
        setSrc(local ? (objectUrl = URL.createObjectURL(local.blob)) : apiPath("/orgs/:orgId/attachments/:sha256", { orgId: org().orgId, sha256: sha }));
      });
  });
  return src;
}
