/** The policy throughput baseline: the same analyzer protocol, one rule that checks nothing. */
import { PolicyPack } from "@pulumi/policy";

new PolicyPack("incident-manager-bench-trivial", {
  policies: [
    {
      name: "trivial",
      description: "Looks at every resource and reports nothing.",
      enforcementLevel: "advisory",
      validateResource: () => undefined,
    },
  ],
});
