// The root stack's program (`pulumi up` at the repository root).
// Until the config-driven stack lands, it builds the minimal setup from two config values.
import * as pulumi from "@pulumi/pulumi";
import { IncidentManagerSetup } from "../components";

const config = new pulumi.Config("incident-manager");
const regions = config.getObject<string[]>("regions") ?? ["ap-northeast-1", "ap-northeast-3"];

const setup = new IncidentManagerSetup("incident-manager", { regions });

export const replicationSetArn = setup.replicationSetArn;
export const primaryRegion = setup.primaryRegion;
