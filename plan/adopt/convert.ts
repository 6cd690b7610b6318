/**
 * Turns a {@link Snapshot} of an account into an `incident-manager:spec` that describes what
 * exists, with the import IDs of the adoption interface, the channel addresses as secret config
 * values (never in the spec), and a note for everything the spec cannot describe exactly.
 */
import type { ContactChannel } from "@aws-sdk/client-ssm-contacts";
import { maskAddress } from "../../policies/checks/phone";
import { SPEC_KEY } from "../../stack/spec";
import type { ContactOutput, Snapshot } from "./snapshot";

/** What the spec holds in place of an address; the secret config value replaces it. */
export const ADDRESS_PLACEHOLDER = "[secret]";

/** One channel address, to be stored as a secret config value at `path`. */
export interface SecretAddress {
  /** The config path, e.g. `incident-manager:spec.teams[0].members[0].channels[0].address`. */
  readonly path: string;
  /** The address as AWS stores it (E.164 for SMS and VOICE). */
  readonly address: string;
}

/** The result of a conversion. */
export interface AdoptResult {
  /** The `incident-manager:spec` value. */
  readonly spec: AdoptedSpec;
  /** The addresses to set with `pulumi config set --secret --path`. */
  readonly secrets: readonly SecretAddress[];
  /** What the spec cannot describe exactly, or what was assumed: each a sentence. */
  readonly notes: readonly string[];
}

/** The spec as the conversion writes it. */
export interface AdoptedSpec {
  setup: Record<string, unknown>;
  teams: Record<string, unknown>[];
  escalations: Record<string, unknown>[];
  responsePlans: Record<string, unknown>[];
}

/** Options of {@link convertSnapshot}. */
export interface ConvertOptions {
  /**
   * The name of the team that holds the PERSONAL contacts no on-call schedule names.
   * @default "contacts"
   */
  readonly teamName?: string;
}

import {
  type Tags,
  COMPONENT_NAME,
  tagsOf,
  commonTags,
  without,
  sameTags,
  tagsField,
  lastPart,
  engagementOf,
  rotationOf,
  metricAlarmOf,
  compositeAlarmOf,
} from "./shapes";

/** Quotes a value for a POSIX shell. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The `pulumi config set --secret --path` line for one address, masked unless `show`. */
export function secretLine(secret: SecretAddress, show: boolean): string {
  if (secret.address === "") {
    return `pulumi config set --secret --path ${shellQuote(secret.path)} '<address>'`;
  }
  const value = show ? secret.address : maskAddress(secret.address);
  return `pulumi config set --secret --path ${shellQuote(secret.path)} ${shellQuote(value)}`;
}

/** Converts a snapshot. Deterministic: the same snapshot gives the same spec. */
export function convertSnapshot(snapshot: Snapshot, options: ConvertOptions = {}): AdoptResult {
  const notes: string[] = [];
  const secrets: SecretAddress[] = [];
  const contacts = snapshot.contacts;
  const byArn = new Map(contacts.map((c) => [c.getContact.ContactArn!, c]));
  const contactTags = new Map(
    contacts.map((c) => [c.getContact.ContactArn!, tagsOf(c.listTagsForResource.Tags)]),
  );
  const rotations = new Map(snapshot.rotations.map((r) => [r.rotation.RotationArn!, r]));
  const rotationTags = new Map(
    snapshot.rotations.map((r) => [r.rotation.RotationArn!, tagsOf(r.listTagsForResource.Tags)]),
  );
  const planTags = snapshot.responsePlans.map((p) => ({ ...(p.listTagsForResource.tags ?? {}) }));
  const setTags = { ...(snapshot.replicationSetTags?.tags ?? {}) };
  const set = snapshot.getReplicationSet?.replicationSet;

  // The setup's tags go to every taggable child, so the setup carries only the tags that the
  // replication set and every contact, rotation and response plan share.
  const setupTags = commonTags([
    ...(set === undefined ? [] : [setTags]),
    ...contactTags.values(),
    ...rotationTags.values(),
    ...planTags,
  ]);

  // The setup.
  const primary =
    contacts.map((c) => c.getContact.ContactArn!.split(":")[3]).find((r) => r) ?? snapshot.region;
  const setup: Record<string, unknown> = {};
  if (set === undefined) {
    notes.push(
      `The account has no replication set in this snapshot; \`setup.regions\` is [${primary}] only. Add the regions the replication set should have, or read the account again.`,
    );
    setup.regions = [primary];
    setup.allowSingleRegion = true;
  } else {
    const regionMap = set.regionMap ?? {};
    const names = Object.keys(regionMap);
    if (!names.includes(primary)) {
      notes.push(
        `The contacts live in ${primary}, which is not a region of the replication set (${names.join(", ")}); the spec lists ${primary} first anyway. Check the account.`,
      );
    }
    // GetReplicationSet's regionMap is a map and does not say which region came first; the
    // first region is where contacts live (ssm-contacts ARNs carry it), else the region read.
    const ordered = [primary, ...names.filter((n) => n !== primary).sort()];
    setup.replicationSetArn = set.arn;
    setup.regions = ordered;
    // The API reference does not say what `sseKmsKeyId` holds for an AWS-owned key;
    // @pulumi/aws (from the Terraform provider) documents `DefaultKey`. Absent, empty or
    // `DefaultKey` is read as AWS-owned.
    const kms: Record<string, string> = {};
    for (const region of ordered) {
      const key = regionMap[region]?.sseKmsKeyId;
      if (key === undefined || key === "" || key === "DefaultKey") continue;
      if (!/^arn:/.test(key)) {
        notes.push(
          `The replication set's key in ${region} is ${JSON.stringify(key)}, not a key ARN; IncidentManagerSetup takes a key ARN. Replace it with the key's ARN (aws kms describe-key --key-id ${key}).`,
        );
      }
      kms[region] = key;
    }
    if (Object.keys(kms).length > 0) {
      setup.kms = kms;
      const owned = ordered.filter((region) => kms[region] === undefined);
      if (owned.length > 0) {
        notes.push(
          `The replication set reads as AWS-owned keys in ${owned.join(", ")} and customer-managed keys elsewhere, which IncidentManagerSetup's \`kms\` cannot describe (it names every region or none). Check the account, and give ${owned.join(", ")} its key ARN.`,
        );
      }
    }
    if (ordered.length === 1) setup.allowSingleRegion = true;
    setup.deletionProtected = set.deletionProtected === true;
    if (set.status !== undefined && set.status !== "ACTIVE") {
      notes.push(
        `The replication set is ${set.status}, not ACTIVE; read the account again when it is.`,
      );
    }
    const own = without(setTags, setupTags);
    if (Object.keys(own).length > 0) {
      notes.push(
        `The replication set has tags the other resources do not share (${Object.keys(own).join(", ")}); IncidentManagerSetup's \`tags\` go to every child, so they are left out.`,
      );
    }
  }
  Object.assign(setup, tagsField(setupTags));

  // Teams: one per ONCALL_SCHEDULE contact (its rotations' members), then one for the PERSONAL
  // contacts no schedule names.
  const personal = contacts.filter((c) => c.getContact.Type === "PERSONAL");
  const schedules = contacts
    .filter((c) => c.getContact.Type === "ONCALL_SCHEDULE")
    .sort((a, b) => a.getContact.Alias!.localeCompare(b.getContact.Alias!));
  const teamOf = new Map<string, { team: string; index: number }>(); // contact ARN -> team
  const refOf = new Map<string, string>(); // contact ARN -> spec reference
  const planned: {
    name: string;
    schedule?: ContactOutput;
    members: string[];
    rotationArns: string[];
  }[] = [];
  const usedNames = new Set<string>();
  const uniqueName = (wanted: string) => {
    let name = COMPONENT_NAME.test(wanted)
      ? wanted
      : wanted.replace(/[^A-Za-z0-9_.-]/g, "-").slice(0, 100);
    for (let i = 2; usedNames.has(name); i++) name = `${wanted}-${i}`;
    usedNames.add(name);
    return name;
  };
  for (const s of schedules) {
    const alias = s.getContact.Alias!;
    const name = uniqueName(
      alias.endsWith("-oncall") ? alias.slice(0, -"-oncall".length) || alias : alias,
    );
    const rotationArns = [...(s.getContact.Plan?.RotationIds ?? [])];
    const members: string[] = [];
    for (const arn of rotationArns) {
      const rotation = rotations.get(arn);
      if (rotation === undefined) {
        notes.push(
          `The on-call schedule ${alias} names the rotation ${arn}, which the snapshot does not hold; it is left out.`,
        );
        continue;
      }
      for (const contactArn of rotation.rotation.ContactIds ?? []) {
        const owner = teamOf.get(contactArn);
        if (owner !== undefined && owner.team !== name) {
          notes.push(
            `The contact ${lastPart(contactArn)} is on call in ${owner.team} and in ${name}; a contact belongs to one team here, so it is a member of ${owner.team} and ${name}'s rotation ${rotation.rotation.Name} cannot name it. Move it into one schedule, or adopt ${name} by hand.`,
          );
          continue;
        }
        if (!members.includes(contactArn)) members.push(contactArn);
        teamOf.set(contactArn, { team: name, index: planned.length });
      }
    }
    planned.push({ name, schedule: s.getContact, members, rotationArns });
  }
  const loose = personal.map((c) => c.getContact.ContactArn!).filter((arn) => !teamOf.has(arn));
  if (loose.length > 0) {
    const name = uniqueName(options.teamName ?? "contacts");
    loose.forEach((arn) => teamOf.set(arn, { team: name, index: planned.length }));
    planned.push({ name, members: loose, rotationArns: [] });
  }

  const channelTypes = new Map<string, string[]>(); // contact ARN -> types its plan engages
  const teams = planned.map((t, ti) => {
    const adoptChannels: Record<string, Record<string, string>> = {};
    const teamTags: Tags[] = [];
    const members = t.members.flatMap((arn) => {
      const c = byArn.get(arn);
      if (c === undefined || c.getContact.Type !== "PERSONAL") {
        notes.push(
          `A rotation of ${t.name} names ${arn}, which is not a PERSONAL contact of the snapshot; it is left out.`,
        );
        return [];
      }
      const mi = t.members.filter((a) => byArn.get(a)?.getContact.Type === "PERSONAL").indexOf(arn);
      const contact = c.getContact;
      const alias = contact.Alias!;
      refOf.set(arn, `${t.name}/${alias}`);
      teamTags.push(contactTags.get(arn) ?? {});
      if (!contact.DisplayName) {
        notes.push(
          `The contact ${alias} has no display name; OnCallTeam needs one, so the spec uses its alias, which changes the contact.`,
        );
      }
      const channels = c.listContactChannels.ContactChannels as ContactChannel[];
      adoptChannels[alias] = Object.fromEntries(
        channels.map((ch) => [ch.Name!, ch.ContactChannelArn!]),
      );
      const channelSpecs = channels.map((ch, ci) => {
        secrets.push({
          path: `${SPEC_KEY}.teams[${ti}].members[${mi}].channels[${ci}].address`,
          address: ch.DeliveryAddress?.SimpleAddress ?? "",
        });
        if (ch.ActivationStatus === "NOT_ACTIVATED") {
          notes.push(
            `The channel ${JSON.stringify(ch.Name)} of ${alias} is not activated; Incident Manager does not engage it until its owner enters the code sent to it.`,
          );
        }
        return { type: ch.Type, name: ch.Name, address: ADDRESS_PLACEHOLDER };
      });
      const { steps, lastStageMinutes } = engagementOf(
        alias,
        contact.Plan?.Stages ?? [],
        channels,
        notes,
      );
      channelTypes.set(
        arn,
        steps.map((e) => channels.find((ch) => ch.Name === e.channel)?.Type ?? "EMAIL"),
      );
      return [
        {
          alias,
          displayName: contact.DisplayName || alias,
          channels: channelSpecs,
          engagement: steps,
          ...(lastStageMinutes === undefined ? {} : { lastStageMinutes }),
        },
      ];
    });
    const rotationSpecs = t.rotationArns.flatMap((arn) => {
      const r = rotations.get(arn)?.rotation;
      if (r === undefined) return [];
      teamTags.push(rotationTags.get(arn) ?? {});
      return [rotationOf(r, t.name, notes)];
    });
    const adoptContacts = members.map((m) => m.alias);
    const team: Record<string, unknown> = { name: t.name, members };
    if (rotationSpecs.length > 0) team.rotations = rotationSpecs;
    if (t.schedule !== undefined) {
      team.schedule = {
        alias: t.schedule.Alias,
        displayName: t.schedule.DisplayName || t.schedule.Alias,
      };
      adoptContacts.push(t.schedule.Alias!);
      refOf.set(t.schedule.ContactArn!, `${t.name}/schedule`);
      teamTags.push(contactTags.get(t.schedule.ContactArn!) ?? {});
      channelTypes.set(
        t.schedule.ContactArn!,
        t.members.flatMap((m) => channelTypes.get(m) ?? []),
      );
    }
    const ownTags = teamTags.map((tags) => without(tags, setupTags));
    const shared = commonTags(ownTags);
    if (ownTags.some((tags) => !sameTags(tags, shared))) {
      notes.push(
        `The contacts and rotations of ${t.name} do not all carry the same tags; OnCallTeam tags them alike, so the spec keeps the tags they share (${Object.keys(shared).join(", ") || "none"}) and adopting changes the others.`,
      );
    }
    Object.assign(team, tagsField(shared));
    team.adopt = {
      contacts: adoptContacts,
      channels: adoptChannels,
      ...(rotationSpecs.length > 0
        ? {
            rotations: Object.fromEntries(
              t.rotationArns
                .filter((a) => rotations.has(a))
                .map((a) => [rotations.get(a)!.rotation.Name, a]),
            ),
          }
        : {}),
    };
    return team;
  });

  // Escalation chains: the ESCALATION contacts.
  const escalationName = new Map<string, string>();
  const escalationContacts = contacts
    .filter((c) => c.getContact.Type === "ESCALATION")
    .sort((a, b) => a.getContact.Alias!.localeCompare(b.getContact.Alias!));
  const escalations = escalationContacts
    .map((c) => {
      const contact = c.getContact;
      const alias = contact.Alias!;
      const name = uniqueName(alias);
      escalationName.set(contact.ContactArn!, name);
      return { contact, alias, name };
    })
    .map(({ contact, alias, name }) => {
      const stages = (contact.Plan?.Stages ?? []).map((stage) => ({
        durationInMinutes: stage.DurationInMinutes,
        targets: (stage.Targets ?? []).flatMap((target) => {
          if (target.ContactTargetInfo?.ContactId === undefined) {
            notes.push(
              `The escalation plan ${alias} engages a contact channel directly; EscalationChain engages contacts only, so that target is left out.`,
            );
            return [];
          }
          const id = target.ContactTargetInfo.ContactId;
          return [
            {
              target: refOf.get(id) ?? id,
              isEssential: target.ContactTargetInfo.IsEssential === true,
            },
          ];
        }),
      }));
      const last = contact.Plan?.Stages?.[contact.Plan.Stages.length - 1];
      const interruptive = (last?.Targets ?? []).some((t) =>
        (channelTypes.get(t.ContactTargetInfo?.ContactId ?? "") ?? []).some(
          (type) => type !== "EMAIL",
        ),
      );
      const chain: Record<string, unknown> = {
        name,
        alias,
        displayName: contact.DisplayName || alias,
        stages,
      };
      if (interruptive) {
        chain.allowInterruptiveFinalStage = true;
        notes.push(
          `The escalation plan ${alias} ends with a stage that pages by SMS or VOICE; the spec sets \`allowInterruptiveFinalStage: true\` to describe it as it is.`,
        );
      }
      Object.assign(
        chain,
        tagsField(without(contactTags.get(contact.ContactArn!) ?? {}, setupTags)),
      );
      chain.adopt = true;
      return chain;
    });

  // Response plans, with the alarms whose actions name them.
  const metricAlarms = snapshot.describeAlarms.MetricAlarms ?? [];
  const compositeAlarms = snapshot.describeAlarms.CompositeAlarms ?? [];
  const responsePlans = snapshot.responsePlans.map((p, pi) => {
    const plan = p.getResponsePlan;
    const arn = plan.arn!;
    const name = uniqueName(plan.name!);
    const template = plan.incidentTemplate!;
    const entry: Record<string, unknown> = { name };
    if (name !== plan.name) entry.responsePlanName = plan.name;
    if (plan.displayName) entry.displayName = plan.displayName;
    entry.incident = {
      title: template.title,
      impact: template.impact,
      ...(template.summary ? { summary: template.summary } : {}),
      ...(template.dedupeString ? { dedupeString: template.dedupeString } : {}),
      ...(template.incidentTags && Object.keys(template.incidentTags).length > 0
        ? { tags: template.incidentTags }
        : {}),
      ...((template.notificationTargets ?? []).length > 0
        ? { notificationTopicArns: template.notificationTargets!.map((n) => n.snsTopicArn) }
        : {}),
    };
    entry.engagements = (plan.engagements ?? []).map(
      (e) => escalationName.get(e) ?? refOf.get(e) ?? e,
    );
    const chat = plan.chatChannel?.chatbotSns ?? [];
    if (chat.length > 0) entry.chatChannelTopicArns = chat;
    const actions = plan.actions ?? [];
    if (actions.length > 1)
      notes.push(
        `The response plan ${plan.name} has ${actions.length} actions; the spec describes the first.`,
      );
    const automation = actions[0]?.ssmAutomation;
    if (automation !== undefined) {
      entry.runbook = {
        documentName: automation.documentName,
        ...(automation.documentVersion ? { documentVersion: automation.documentVersion } : {}),
        roleArn: automation.roleArn,
        ...(automation.targetAccount ? { targetAccount: automation.targetAccount } : {}),
        ...(automation.parameters && Object.keys(automation.parameters).length > 0
          ? { parameters: automation.parameters }
          : {}),
        ...(automation.dynamicParameters && Object.keys(automation.dynamicParameters).length > 0
          ? {
              dynamicParameters: Object.fromEntries(
                Object.entries(automation.dynamicParameters).map(([k, v]) => [k, v.variable]),
              ),
            }
          : {}),
      };
    }
    const pagerDuty = plan.integrations?.[0]?.pagerDutyConfiguration;
    if (pagerDuty !== undefined) {
      entry.pagerDuty = {
        name: pagerDuty.name,
        serviceId: pagerDuty.pagerDutyIncidentConfiguration?.serviceId,
        secretId: pagerDuty.secretId,
      };
    }
    const alarms = metricAlarms
      .filter((a) => (a.AlarmActions ?? []).includes(arn))
      .flatMap((a) => metricAlarmOf(a, arn, notes));
    const composites = compositeAlarms
      .filter((a) => (a.AlarmActions ?? []).includes(arn))
      .map((a) => compositeAlarmOf(a, arn, notes));
    if (alarms.length > 0) entry.alarms = alarms;
    if (composites.length > 0) entry.compositeAlarms = composites;
    // ResponsePlanWithAlarms tags its alarms with the setup's tags and its own, like the plan.
    const expected = { ...setupTags, ...planTags[pi] };
    for (const alarm of [...alarms, ...composites]) {
      const name = alarm.name as string;
      const tags = snapshot.alarmTags?.[name];
      if (tags === undefined) {
        notes.push(
          `The tags of the alarm ${name} are not in the snapshot; ResponsePlanWithAlarms tags it with the response plan's tags, which may change it.`,
        );
      } else if (!sameTags(tagsOf(tags.Tags), expected)) {
        notes.push(
          `The alarm ${name} is tagged ${JSON.stringify(tagsOf(tags.Tags))}; ResponsePlanWithAlarms tags it like its response plan (${JSON.stringify(expected)}), so adopting changes its tags.`,
        );
      }
    }
    Object.assign(entry, tagsField(without(planTags[pi], setupTags)));
    const alarmNames = [...alarms, ...composites].map((a) => a.name as string);
    entry.adopt = { responsePlan: true, ...(alarmNames.length > 0 ? { alarms: alarmNames } : {}) };
    return entry;
  });

  return { spec: { setup, teams, escalations, responsePlans }, secrets, notes };
}
