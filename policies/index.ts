/**
 * The incident-readiness policy pack. This is the only file that builds the PolicyPack (building
 * it starts the analyzer server), so tests import `./rules` instead.
 */
import { PolicyPack } from "@pulumi/policy";
import { rules } from "./rules";

new PolicyPack("incident-manager-readiness", {
  policies: [...rules],
});
