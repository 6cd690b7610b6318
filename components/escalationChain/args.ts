/**
 * The arguments of EscalationChain: plain data, so that the package schema carries them to Python,
 * Go, C#, Java and YAML users as they are.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { ContactTarget, SetupReference } from "../references";
import type { Integer } from "../types";

/** One target of a stage. */
export interface EscalationStageTarget {
  /**
   * The contact or on-call schedule engaged (the stage target's `ContactTargetInfo.ContactId`).
   * From an OnCallTeam: `team.member("taro")` or `team.schedule` (other languages: the team's
   * `memberTargets["taro"]` or `scheduleTarget`); another chain's `target`; a contact made
   * elsewhere as `{ arn: "arn:aws:ssm-contacts:<region>:<account>:contact/<alias>" }`. With
   * `channelTypes` the chain checks its final stage; without them it cannot, and says so.
   * @see https://docs.aws.amazon.com/incident-manager/latest/APIReference/API_SSMContacts_ContactTargetInfo.html
   */
  readonly target: pulumi.Input<ContactTarget>;
  /**
   * Whether an acknowledgement by this target stops the escalation plan (ContactTargetInfo
   * IsEssential).
   * @default true
   * @see https://docs.aws.amazon.com/incident-manager/latest/APIReference/API_SSMContacts_ContactTargetInfo.html
   */
  readonly isEssential?: boolean;
}

/** One stage of the escalation plan. */
export interface EscalationStage {
  /**
   * Minutes before the next stage starts (Stage DurationInMinutes): a whole number from 0 to 30.
   * The last stage may be 0.
   * @see https://docs.aws.amazon.com/incident-manager/latest/APIReference/API_SSMContacts_Stage.html
   */
  readonly durationInMinutes: Integer;
  /**
   * The contacts and on-call schedules engaged when the stage starts: at least one, each once.
   * @see https://docs.aws.amazon.com/incident-manager/latest/APIReference/API_SSMContacts_Target.html
   */
  readonly targets: EscalationStageTarget[];
}

/** Arguments of {@link EscalationChain}. */
export interface EscalationChainArgs {
  /**
   * The Incident Manager setup: an IncidentManagerSetup, or its outputs `{ replicationSetArn,
   * primaryRegion, ... }`. When given, the contact and its plan are created in its primary region
   * after its replication set, and carry its tags.
   * @default the provider's region, no dependency
   */
  readonly setup?: SetupReference;
  /**
   * The ESCALATION contact's alias: 1-255 characters of `a-z 0-9 _ -` (no `.`: ssm-contacts
   * CreateContact Alias). Changing it replaces the contact.
   * @see https://docs.aws.amazon.com/incident-manager/latest/APIReference/API_SSMContacts_CreateContact.html
   */
  readonly alias: string;
  /**
   * The name shown in the console: 1-255 letters, spaces, digits, `_`, `.` and `-` (ssm-contacts
   * CreateContact DisplayName).
   * @see https://docs.aws.amazon.com/incident-manager/latest/APIReference/API_SSMContacts_CreateContact.html
   */
  readonly displayName: string;
  /**
   * The stages, in order: at least one. The final stage must reach its targets by EMAIL only
   * (checked for targets whose `channelTypes` are known) unless `allowInterruptiveFinalStage` is
   * set.
   * @see https://docs.aws.amazon.com/incident-manager/latest/userguide/escalation.html
   */
  readonly stages: EscalationStage[];
  /**
   * Accept a final stage that reaches a target by SMS or VOICE. A warning is logged: a late-night
   * call or SMS as the last resort wakes people who are not responsible. The ESCALATION contact
   * then carries the tag `incident-manager/allow-interruptive-final-stage: "true"`, which the
   * policy pack's `require-email-only-final-stage` honours with an advisory note instead of a
   * mandatory violation. An adopted chain (`adopt: true`) is not tagged, because an import must
   * match the contact as it exists: list its contact in the rule's `exemptResources`, or add the
   * tag to `tags` after the import. The tag cannot be set in `tags` without this flag.
   * @default false
   * @see https://docs.aws.amazon.com/incident-manager/latest/userguide/escalation.html
   */
  readonly allowInterruptiveFinalStage?: boolean;
  /**
   * Tags for the contact, merged over the setup's tags. Keys may not start with `aws:`.
   * @default {}
   * @see https://docs.aws.amazon.com/incident-manager/latest/userguide/tagging.html
   */
  readonly tags?: Record<string, string>;
  /**
   * Merge the setup's tags under `tags`. Set it to false to describe an adopted contact with
   * exactly the tags it has.
   * @default true
   */
  readonly inheritTags?: boolean;
  /**
   * Import the existing ESCALATION contact with this alias and its escalation plan (Pulumi's
   * `import` option) instead of creating them. Both import IDs are the contact's ARN, derived from
   * the alias and `setup.replicationSetArn`'s account:
   * `arn:<partition>:ssm-contacts:<primary region>:<account>:contact/<alias>`. Needs `setup` with
   * a known `replicationSetArn`. Leaving it on after the first `pulumi up` is harmless: Pulumi
   * ignores `import` once the resource is in the state with that ID. The stages, display name and
   * tags must be written as they exist.
   * @default false
   * @see https://www.pulumi.com/docs/iac/concepts/resources/options/import/
   */
  readonly adopt?: boolean;
}
