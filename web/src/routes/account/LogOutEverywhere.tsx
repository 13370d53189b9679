import { useNavigate } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { useApp } from "../../context";
import { FormMessage } from "../../fields/Fields";
import { createSubmission } from "../../fields/form";

const focusSoon = (id: string) => queueMicrotask(() => document.getElementById(id)?.focus());

/** Me → Log out everywhere: after a confirmation, ends every session of this person, this one included. */
export function LogOutEverywhere() {
  const { session, i18n } = useApp();
  const { t } = i18n;
  const navigate = useNavigate();
  const submission = createSubmission();
  const [confirming, setConfirming] = createSignal(false);

  async function logOutEverywhere() {
    const done = await submission.run(async () => {
      await session.logoutEverywhere();
      return true;
    });
    if (done) navigate("/login", { replace: true });
  }

  return (
    <div class="stack">
      <p id="me-everywhere-hint" class="muted">
        {t("sessions.everywhereHint")}
      </p>
      <FormMessage message={submission.message()} />
      <Show
        when={confirming()}
        fallback={
          <button
            type="button"
            id="me-everywhere"
            class="button button-secondary"
            aria-describedby="me-everywhere-hint"
            onClick={() => {
              setConfirming(true);
              focusSoon("me-everywhere-confirm");
            }}
          >
            {t("sessions.everywhere")}
          </button>
        }
      >
        <div class="confirm" role="group" aria-label={t("sessions.confirm")}>
          <p>{t("sessions.confirm")}</p>
          <div class="button-row">
            <button
              type="button"
              id="me-everywhere-confirm"
              class="button button-small button-danger"
              aria-disabled={submission.busy() ? "true" : undefined}
              onClick={() => void logOutEverywhere()}
            >
              {t("sessions.confirmYes")}
            </button>
            <button
              type="button"
              class="button button-small button-secondary"
              onClick={() => {
                setConfirming(false);
                focusSoon("me-everywhere");
              }}
            >
              {t("common.cancel")}
            </button>
          </div>
        </div>
      </Show>
    </div>
  );
}
