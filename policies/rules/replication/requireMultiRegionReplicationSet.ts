import { z } from "zod";
import { REPLICATION_SET_REGIONS } from "../../../aws/incidents";
import { isAwsRegion } from "../../../aws/regions";
import {
  IncidentResourceRule,
  configSchemaOf,
  readConfig,
  show,
  str,
  validateResourceOfKinds,
} from "../common";
import { regionsOf } from "./regions";

export const multiRegionConfig = z.object({
  /** The fewest regions a replication set may have (AWS allows 1-3). */
  minRegions: z
    .number()
    .int()
    .min(REPLICATION_SET_REGIONS.min)
    .max(REPLICATION_SET_REGIONS.max)
    .default(2),
});

/** Rule 1: the replication set has at least `minRegions` regions. */
export const requireMultiRegionReplicationSet: IncidentResourceRule = {
  name: "require-multi-region-replication-set",
  description:
    "Checks that the Incident Manager replication set spans at least `minRegions` distinct AWS Regions (2 by default). With one region, Incident Manager cannot fail over and an outage of that region stops paging.",
  configSchema: configSchemaOf(multiRegionConfig),
  enforcementLevel: "mandatory",
  validateResource: validateResourceOfKinds(["replicationSet"], (props, args, report) => {
    const cfg = readConfig(multiRegionConfig, args.getConfig(), report);
    const names = new Set<string>();
    for (const region of regionsOf(args.type, props)) {
      const name = str(region.name);
      if (name === undefined || !isAwsRegion(name)) {
        report(
          `\`${region.path}\` must name an AWS Region such as ap-northeast-1; got ${show(region.name)}.`,
        );
      } else {
        names.add(name);
      }
    }
    if (names.size < cfg.minRegions) {
      report(
        `The replication set must span at least ${cfg.minRegions} distinct regions; got ${names.size}${names.size > 0 ? ` (${[...names].join(", ")})` : ""}. Add a region so Incident Manager can fail over.`,
      );
    }
  }),
  severity: "high",
  remediationSteps:
    "Add a second region to the replication set (e.g. ap-northeast-2 next to ap-northeast-1). Regions are added one per update.",
};
