/**
 * The arguments of IncidentManagerSetup: plain data, so that the package schema carries them to
 * Python, Go, C#, Java and YAML users as they are.
 */
import type * as pulumi from "@pulumi/pulumi";

/**
 * A custom post-incident analysis template: an SSM document of type `ProblemAnalysisTemplate`,
 * created in every region of the replication set.
 */
export interface AnalysisTemplate {
  /**
   * The document's name, which responders pick when they create an analysis: 3-128 letters,
   * digits, `_`, `-` and `.` (ssm CreateDocument Name), not starting with a prefix AWS reserves
   * (`aws`, `amazon`, `amzn`, `AWSEC2`, `AWSConfigRemediation`, `AWSSupport`, in any case), unique
   * among the templates. Changing it replaces the documents.
   * @see https://docs.aws.amazon.com/systems-manager/latest/APIReference/API_CreateDocument.html
   */
  readonly name: string;
  /**
   * The template's JSON document, as an object (it is serialized for you): start from AWS's
   * `AWSIncidents-PostIncidentAnalysisTemplate` (`aws ssm get-document --name
   * AWSIncidents-PostIncidentAnalysisTemplate`) and add questions or sections. At most 65,536
   * bytes as JSON (ssm CreateDocument Content: 64 KB). AWS does not document the structure of the
   * JSON, so only that it is a JSON object within that size is checked.
   * @see https://docs.aws.amazon.com/incident-manager/latest/userguide/analysis.html
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON document: the schema's Any
  readonly content: Record<string, any>;
}

/**
 * The PagerDuty credentials Incident Manager reads from a Secrets Manager secret, in the JSON
 * keys AWS's user guide gives. The secret string is always stored as a Pulumi secret.
 */
export interface PagerDutySecret {
  /**
   * A PagerDuty General Access REST API key or User Token REST API key. Pass a secret, such as
   * `config.requireSecret("pagerDutyToken")`; a plain string is made secret too.
   * @see https://docs.aws.amazon.com/incident-manager/latest/userguide/integrations-pagerduty-secret.html
   */
  readonly pagerDutyToken: pulumi.Input<string>;
  /**
   * The service region of the PagerDuty data center that hosts the subdomain, such as `US` (AWS's
   * example). AWS's text does not list the values (it points to PagerDuty's "Service Regions"),
   * so any non-empty text is accepted.
   * @see https://docs.aws.amazon.com/incident-manager/latest/userguide/integrations-pagerduty-secret.html
   */
  readonly pagerDutyServiceRegion: string;
  /**
   * The email address of a user of the PagerDuty subdomain. Checked as an email address when it is
   * known, and masked in every message.
   * @see https://docs.aws.amazon.com/incident-manager/latest/userguide/integrations-pagerduty-secret.html
   */
  readonly pagerDutyFromEmail: pulumi.Input<string>;
}

/** Arguments of {@link IncidentManagerSetup}. */
export interface IncidentManagerSetupArgs {
  /**
   * The regions Incident Manager replicates its data to, by name. The first is the primary region,
   * where contacts, plans, rotations and response plans are created. 2 or 3 unique regions where
   * Incident Manager is offered (botocore's endpoint data: both ssm-incidents and ssm-contacts;
   * not ap-northeast-3).
   *
   * Changing the list: AWS adds or removes one region per update (`UpdateReplicationSet` takes one
   * action, botocore 1.43 ssm-incidents), and "attempting to delete a Region from your replication
   * set sooner than 24 hours after creation causes the deletion to fail" (the user guide's
   * replication set page). Change one region per `pulumi up`; remove a region a day after adding it.
   * @see https://docs.aws.amazon.com/incident-manager/latest/userguide/replication.html
   */
  readonly regions: string[];
  /**
   * Customer-managed encryption, by region: `"create"` (a key this component creates in that
   * region, whose policy lets Incident Manager use it) or the ARN of an existing key in that
   * region. When given it must name every region of `regions` and no other: every region uses
   * AWS-owned keys, or every region customer-managed ones (AWS does not allow a mix). Becomes each
   * region's `RegionConfiguration.SseKmsKeyId` (AWS::SSMIncidents::ReplicationSet).
   * @default none: AWS-owned keys in every region
   * @see https://docs.aws.amazon.com/incident-manager/latest/userguide/data-protection.html
   */
  readonly kms?: Record<string, pulumi.Input<string>>;
  /**
   * Accept a single region. Incident Manager cannot fail over with one region, so a warning is
   * logged.
   * @default false
   */
  readonly allowSingleRegion?: boolean;
  /**
   * Incident Manager's own deletion protection: the last region of the replication set cannot be
   * deleted while it is on (AWS::SSMIncidents::ReplicationSet DeletionProtected).
   * @default true
   * @see https://docs.aws.amazon.com/incident-manager/latest/APIReference/API_ReplicationSet.html
   */
  readonly deletionProtected?: boolean;
  /**
   * Allow `pulumi destroy` to delete the replication set. When false the replication set is
   * registered with `protect: true`, because deleting it deletes every incident record, contact,
   * plan and response plan.
   * @default false
   * @see https://www.pulumi.com/docs/iac/concepts/resources/options/protect/
   */
  readonly allowDestroy?: boolean;
  /**
   * Create the service role Incident Manager uses to read findings (recent CodeDeploy deployments
   * and CloudFormation stack updates) during an incident.
   * @default false
   * @see https://docs.aws.amazon.com/incident-manager/latest/userguide/findings.html
   */
  readonly findingsAccess?: boolean;
  /**
   * Tags for every taggable child, merged into every component on this setup: each must suit the
   * replication set's CloudFormation rule, SSM Contacts, SSM Incidents and IAM. At most 50.
   * @default {}
   * @see https://docs.aws.amazon.com/incident-manager/latest/userguide/tagging.html
   */
  readonly tags?: Record<string, string>;
  /**
   * The ARN of the account's existing replication set,
   * `arn:<partition>:ssm-incidents::<account>:replication-set/<id>` (printed by
   * `aws ssm-incidents list-replication-sets`). With it the replication set is imported (Pulumi's
   * `import` option) instead of created, so `regions`, `kms` and `deletionProtected` must be
   * written as they exist; the account and partition it names are used to compute the import IDs
   * of adopted contacts and response plans. An account holds one replication set.
   * @default none: a replication set is created
   * @see https://docs.aws.amazon.com/incident-manager/latest/APIReference/API_ListReplicationSets.html
   */
  readonly replicationSetArn?: string;
  /**
   * With `replicationSetArn`: `true` imports the replication set and manages it from this stack;
   * `false` registers no replication set and only references the ARN, for accounts where another
   * stack or team owns it (the other components work against it unchanged, and `kms` `"create"`
   * is refused because the key would encrypt nothing).
   * @default true
   * @see https://www.pulumi.com/docs/iac/concepts/resources/options/import/
   */
  readonly manageReplicationSet?: boolean;
  /**
   * Custom post-incident analysis templates: each becomes an SSM document of type
   * `ProblemAnalysisTemplate` in every region of `regions`, as AWS's user guide asks ("duplicate
   * your analysis templates to each Region where you enabled Incident Manager"). Responders pick
   * one, or AWS's `AWSIncidents-PostIncidentAnalysisTemplate`, when they create an analysis of a
   * closed incident.
   * @default none
   * @see https://docs.aws.amazon.com/incident-manager/latest/userguide/analysis.html
   */
  readonly analysisTemplates?: AnalysisTemplate[];
  /**
   * Create the Secrets Manager secret holding PagerDuty credentials for response plans' PagerDuty
   * integration, in the primary region and replicated to every other region, encrypted with a
   * customer-managed key Incident Manager may use: the keys this setup creates (`kms` all
   * `"create"`, their policies then also let Incident Manager decrypt through Secrets Manager), or
   * else a multi-Region key made for the secret. The secret's ARN is `pagerDutySecretArn`, which a
   * ResponsePlanWithAlarms on this setup uses when its `pagerDuty.secretId` is left out.
   * @default none
   * @see https://docs.aws.amazon.com/incident-manager/latest/userguide/integrations-pagerduty-secret.html
   */
  readonly pagerDutySecret?: PagerDutySecret;
}
