import { useNavigate } from "@solidjs/router";
import { ConfirmButton } from "../../components/ConfirmButton";
import { useApp } from "../../context";
import { FormMessage } from "../../fields/Fields";
import { createSubmission } from "../../fields/form";

/** Me → Log out everywhere: after a confirmation, ends every session of this person, this one included. */
export function LogOutEverywhere() {
  const { session, i18n } = useApp();
  const { t } = i18n;
  const navigate = useNavigate();
  const submission = createSubmission();

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
      <ConfirmButton
        id="me-everywhere"
        class="button button-secondary"
        describedBy="me-everywhere-hint"
        question={t("sessions.confirm")}
        yes={t("sessions.confirmYes")}
        busy={submission.busy()}
        onConfirm={logOutEverywhere}
      >
        {t("sessions.everywhere")}
      </ConfirmButton>
    </div>
  );
}
