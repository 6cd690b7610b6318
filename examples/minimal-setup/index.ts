import { IncidentManagerSetup } from "pulumi-aws-incident-manager";

// Incident Manager's data lives in Tokyo and is replicated to Seoul, so it survives the loss of
// one region. Deletion protection is on and `pulumi destroy` will refuse to delete the
// replication set (that would delete every incident record).
const setup = new IncidentManagerSetup("incident-manager", {
  regions: ["ap-northeast-1", "ap-northeast-2"],
  tags: { team: "sre" },
});

export const replicationSetArn = setup.replicationSetArn;
export const primaryRegion = setup.primaryRegion;
