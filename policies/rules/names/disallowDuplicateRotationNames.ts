import { configSchemaOf, IncidentStackRule, label, readConfig, str } from "../common";
import { propsOf } from "../graph";
import { regionOf, reportRepeatedNames, uniqueNamesConfig } from "./unique";

/**
 * Rule 20 (stack, advisory): two on-call rotations with one name in one region. AWS's text does
 * not say whether rotation names are unique: CreateRotation lists no ConflictException (botocore
 * 1.43 ssm-contacts) and CloudFormation identifies a rotation by its ARN, with `Name` updatable
 * (cfn-lint 1.51 AWS::SSMContacts::Rotation). Two rotations with one name are at least ambiguous
 * in the console and in on-call schedules, hence advisory.
 */
export const disallowDuplicateRotationNames: IncidentStackRule = {
  name: "disallow-duplicate-rotation-names",
  description:
    "Checks that no two on-call rotations of the stack, of either provider, have one name in one region. AWS's documentation does not say whether rotation names must be unique, so this is advisory: two rotations with one name cannot be told apart where rotations are listed by name.",
  configSchema: configSchemaOf(uniqueNamesConfig),
  enforcementLevel: "advisory",
  validateStack: (args, report) => {
    const cfg = readConfig(uniqueNamesConfig, args.getConfig(), report);
    reportRepeatedNames(
      args,
      report,
      ["rotation"],
      cfg.allowedDuplicates,
      (rotation) => {
        const name = str(propsOf(rotation).name);
        return name === undefined ? undefined : { scope: regionOf(rotation), name };
      },
      (second, first, claim) =>
        `${label(second)} has the rotation name ${JSON.stringify(claim.name)} of ${label(first)} in ${claim.scope}; AWS does not document whether rotation names are unique, and two rotations with one name cannot be told apart by name.`,
    );
  },
  severity: "low",
  remediationSteps:
    "Give each rotation its own name, e.g. prefixed with its team (OnCallTeam names rotations as written; two teams may repeat one).",
};
