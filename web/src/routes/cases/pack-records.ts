import type { CaseSnapshot } from "../../../../shared/business-cases/snapshot";
import { useList } from "../../data/records";
import { memberName, useMembers } from "../../data/members";
import type { PackRecords } from "./PackBody";
import { usePilotRecords } from "../experiments/pilot-records";

/** Everything a pack (and the board's decision page) shows besides the case itself, from this device's store. */
export function usePackRecords() {
  const experiments = useList("experiment");
  const findings = useList("finding");
  const kpis = useList("kpi");
  const decisions = useList("business_case_decision");
  const snapshots = useList("business_case_snapshot");
  const locations = useList("location");
  const stages = useList("journey_stage");
  const themes = useList("theme");
  const members = useMembers();
  const pilot = usePilotRecords();
  const records: PackRecords = {
    get experiments() {
      return experiments.all();
    },
    get findings() {
      return findings.all();
    },
    get kpis() {
      return kpis.all();
    },
    get decisions() {
      return decisions.all();
    },
    get snapshots() {
      return snapshots.all() as CaseSnapshot[];
    },
    get locations() {
      return locations.all();
    },
    get stages() {
      return stages.all();
    },
    get themes() {
      return themes.all();
    },
    get pilot() {
      return pilot.records();
    },
    memberName: (userId) => memberName(members(), userId),
  };
  return {
    records,
    loaded: () => experiments.loaded() && findings.loaded() && kpis.loaded() && decisions.loaded() && snapshots.loaded() && pilot.loaded(),
    /** The lists themselves, for a screen that also edits (the case screen). */
    lists: { experiments, kpis, decisions, themes, pilot },
  };
}
