import { z } from "zod";
import { PLAN_ROTATION_IDS } from "../../../aws/contacts";
import { ROTATIONS_PER_SCHEDULE } from "../../../aws/rotations";
import { IncidentStackRule, configSchemaOf, label, readConfig } from "../common";
import { contactStages, contactsOfType, rotationIdsOf } from "../graph";
import { targetsOf } from "./stages";

export const oncallScheduleConfig = z.object({
  /**
   * The most rotations an on-call schedule may list: 8 per the user guide; the API's
   * Plan.RotationIds allows 25.
   */
  maxRotations: z.number().int().min(1).max(PLAN_ROTATION_IDS.max).default(ROTATIONS_PER_SCHEDULE),
});

/** Rule 7 (stack): on-call schedule contacts have rotations and no stages. */
export const requireOncallScheduleRotations: IncidentStackRule = {
  name: "require-oncall-schedule-rotations",
  description:
    "Checks that every ONCALL_SCHEDULE contact lists at least one rotation and has no escalation stages. The classic provider cannot link rotations to a contact, so such a contact must come from aws-native.",
  configSchema: configSchemaOf(oncallScheduleConfig),
  enforcementLevel: "mandatory",
  validateStack: (args, report) => {
    const cfg = readConfig(oncallScheduleConfig, args.getConfig(), report);
    for (const contact of contactsOfType(args, "ONCALL_SCHEDULE")) {
      const rotations = rotationIdsOf(args, contact);
      if (rotations.length === 0) {
        report(
          `${label(contact)} is an ONCALL_SCHEDULE contact with no rotations; list them in \`plan[].rotationIds\` of an aws-native contact.`,
          contact.urn,
        );
      } else if (rotations.length > cfg.maxRotations) {
        report(
          `${label(contact)} lists ${rotations.length} rotations; at most ${cfg.maxRotations} are allowed (an on-call schedule supports up to ${ROTATIONS_PER_SCHEDULE}, per the Incident Manager user guide).`,
          contact.urn,
        );
      }
      const stages = contactStages(args, contact).filter(
        ({ stage }) => stage.props.durationInMinutes !== undefined || targetsOf(stage).length > 0,
      );
      if (stages.length > 0) {
        report(
          `${label(contact)} is an ONCALL_SCHEDULE contact but has stages (${stages.map((s) => `\`${s.stage.path}\``).join(", ")}); an on-call schedule pages through its rotations only.`,
          contact.urn,
        );
      }
    }
  },
  severity: "high",
  remediationSteps:
    "Create the on-call schedule with aws-native `ssmcontacts.Contact` (type ONCALL_SCHEDULE) and `plan: [{ rotationIds }]`, with no stages or targets.",
};
