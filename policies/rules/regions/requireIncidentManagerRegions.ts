import { checkIncidentManagerRegion, INCIDENT_MANAGER_REGIONS } from "../../../aws/regions";
import { z } from "zod";
import {
  configSchemaOf,
  IncidentResourceRule,
  isKind,
  obj,
  readConfig,
  show,
  str,
} from "../common";
import { regionsOf } from "../replication/regions";

/**
 * Classic resources that take a `region` input and must be in a region that offers Incident
 * Manager: what Incident Manager stores, and the alarms and rules that start its incidents.
 */
const REGIONAL = [
  "aws:ssmcontacts/contact:Contact",
  "aws:ssmcontacts/contactChannel:ContactChannel",
  "aws:ssmcontacts/plan:Plan",
  "aws:ssm/contactsRotation:ContactsRotation",
  "aws:ssmincidents/responsePlan:ResponsePlan",
  "aws:cloudwatch/metricAlarm:MetricAlarm",
  "aws:cloudwatch/compositeAlarm:CompositeAlarm",
  "aws:cloudwatch/eventRule:EventRule",
  "aws:cloudwatch/eventTarget:EventTarget",
] as const;

/** Their aws-native counterparts, which land in their provider's region. */
const NATIVE = [
  "aws-native:ssmcontacts:Contact",
  "aws-native:ssmcontacts:ContactChannel",
  "aws-native:ssmcontacts:Plan",
  "aws-native:ssmcontacts:Rotation",
  "aws-native:ssmincidents:ResponsePlan",
  "aws-native:cloudwatch:Alarm",
  "aws-native:cloudwatch:CompositeAlarm",
  "aws-native:events:Rule",
] as const;

export const incidentManagerRegionsConfig = z.object({
  /** The regions allowed: by default every region that offers Incident Manager. */
  allowedRegions: z.array(z.string()).default(() => [...INCIDENT_MANAGER_REGIONS]),
});

const TYPES: readonly string[] = [
  "aws:ssmincidents/replicationSet:ReplicationSet",
  "aws-native:ssmincidents:ReplicationSet",
  ...REGIONAL,
  ...NATIVE,
];

/** Rule 16: every region Incident Manager's resources are in offers Incident Manager. */
export const requireIncidentManagerRegions: IncidentResourceRule = {
  name: "require-incident-manager-regions",
  description:
    "Checks that replication set regions, and the regions of contacts, channels, plans, rotations, response plans, and of the alarms and EventBridge rules that start incidents, are regions where Incident Manager is offered (both ssm-incidents and ssm-contacts have an endpoint, per AWS's endpoint data). Elsewhere the first request fails.",
  configSchema: configSchemaOf(incidentManagerRegionsConfig),
  enforcementLevel: "mandatory",
  validateResource: (args, report) => {
    const cfg = readConfig(incidentManagerRegionsConfig, args.getConfig(), report);
    if (!TYPES.includes(args.type)) {
      args.notApplicable(`Policy only applies to resources of type ${TYPES.join(", ")}`);
    }
    const props = obj(args.props) ?? {};
    const say = (where: string, region: unknown) => {
      const name = str(region);
      if (name === undefined) return;
      const broken = checkIncidentManagerRegion(name);
      if (broken !== undefined) report(`${where} ${broken}`);
      else if (!cfg.allowedRegions.includes(name)) {
        report(
          `${where} is ${name}, which is not in \`allowedRegions\` (${cfg.allowedRegions.join(", ")}).`,
        );
      }
    };
    if (isKind(args.type, "replicationSet")) {
      for (const region of regionsOf(args.type, props)) {
        if (region.name !== undefined && str(region.name) === undefined) {
          report(`\`${region.path}\` must name a region; got ${show(region.name)}.`);
        }
        say(`\`${region.path}\``, region.name);
      }
      return;
    }
    if ((REGIONAL as readonly string[]).includes(args.type) && props.region !== undefined) {
      say("`region`", props.region);
      return;
    }
    // Without a `region` input, the resource is created in its provider's region.
    say("The provider's `region`", obj(args.provider?.props)?.region);
  },
  severity: "critical",
  remediationSteps: `Create Incident Manager's resources, and the alarms and rules that start incidents, in one of ${INCIDENT_MANAGER_REGIONS.join(", ")}: set \`region\` (classic) or the provider's region.`,
};
