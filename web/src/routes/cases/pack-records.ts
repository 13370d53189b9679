import { useList } from "../../data/records";
import { memberName, useMembers } from "../../data/members";
import type { PackRecords } from "./PackBody";
import { usePilotRecords } from "../experiments/pilot-records";

/** Everything a pack shows besides the case itself, from this device's store. */
export function usePackRecords() {
  const experiments = useList("experiment");
  const findings = useList("finding");
  const kpis = useList("kpi");
  const decisions = useList("business_case_decision");
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
  return { records, loaded: () => experiments.loaded() && findings.loaded() && kpis.loaded() && decisions.loaded() && pilot.loaded() };
}
