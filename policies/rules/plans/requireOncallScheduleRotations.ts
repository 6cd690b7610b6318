import { z } from "zod";
import { PLAN_ROTATION_IDS } from "../../../aws/contacts";
import { ROTATIONS_PER_SCHEDULE } from "../../../aws/rotations";
import { IncidentStackRule, configSchemaOf, isNative, label, readConfig } from "../common";
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
    "Checks that every ONCALL_SCHEDULE contact lists at least one rotation and has no escalation stages. Rotations are read from an aws-native contact's plan[].rotationIds or Plan's rotationIds, and from a classic contact's rotationIds when present: Terraform's newest contact has that field, @pulumi/aws 7.48 does not yet, so with it a classic on-call schedule cannot list rotations.",
  configSchema: configSchemaOf(oncallScheduleConfig),
  enforcementLevel: "mandatory",
  validateStack: (args, report) => {
    const cfg = readConfig(oncallScheduleConfig, args.getConfig(), report);
    for (const contact of contactsOfType(args, "ONCALL_SCHEDULE")) {
      const rotations = rotationIdsOf(args, contact);
      if (rotations.length === 0) {
        const where = isNative(contact.type)
          ? "`plan[].rotationIds`"
          : "`rotationIds` (once your @pulumi/aws has the field; 7.48 does not), or make the schedule an aws-native contact with `plan[].rotationIds`";
        report(
          `${label(contact)} is an ONCALL_SCHEDULE contact with no rotations; list them in ${where}.`,
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
    "List the schedule's rotations, with no stages or targets: aws-native `ssmcontacts.Contact` (type ONCALL_SCHEDULE) with `plan: [{ rotationIds }]`, or a classic contact's `rotationIds` once @pulumi/aws has the field.",
};
